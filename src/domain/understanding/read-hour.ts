import type { UnderstandingVocabulary } from '../../content/schemas.js';
import { containsPhrase, meaningfulWords, normalise } from './normalise.js';
import { readNumber } from './read-number.js';

/**
 * An hour of the day from 0 to 23: « 9 », « 9h », « 9 h 00 », « 14:00 », « à 8 heures »,
 * « huit heures », « midi », « 5 h du soir » (→ 17), « vers 10h ». Minutes other than :00 are not
 * offered (prompts go out on the hour): « 9 h 30 » is refused rather than rounded.
 */
export function readHour(text: string, vocab: UnderstandingVocabulary): number | undefined {
  const t = normalise(text.replace(/(\d)\s*:\s*(\d\d)/g, '$1 heure $2'), vocab);
  if (t === '') return undefined;
  const afternoon = vocab.afternoon.some((p) => containsPhrase(t.split(' '), normalise(p, vocab).split(' ')));
  // The afternoon words out (longest first: « de l'après-midi » before « midi »), then the noise words.
  const withoutAfternoon = vocab.afternoon
    .map((p) => normalise(p, vocab))
    .sort((a, b) => b.length - a.length)
    .reduce((text, p) => text.replace(new RegExp(`(?<= |^)${p}(?= |$)`, 'g'), ' '), t);
  const rest = meaningfulWords(withoutAfternoon.replace(/\s+/g, ' ').trim(), vocab).filter(
    (w) => !['vers', 'heure', 'heures', 'pile', 'environ', 'tous', 'chaque', 'jeudi', 'jeudis', 'matin', 'du', 'le'].includes(w),
  );
  // Minutes are dropped (« 8 h 30 » → 8: the prompt goes out on the hour).
  if (rest.length === 2 && /^\d\d$/.test(rest[1]!)) rest.pop();
  while (rest.length > 1 && ['demi', 'demie', 'quart', 'et'].includes(rest.at(-1)!)) rest.pop();
  const spoken = rest.join(' ');
  for (const [word, hour] of Object.entries(vocab.hours)) if (normalise(word, vocab) === spoken) return hour;
  const hour = readNumber(spoken, vocab);
  if (hour === undefined || hour < 0 || hour > 23) return undefined;
  return afternoon && hour >= 1 && hour < 12 ? hour + 12 : hour;
}
