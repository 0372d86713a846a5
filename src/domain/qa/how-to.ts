import { foldedWords, paddedPhrases } from './analyse-text.js';

/**
 * Whether a question asks how to do something (« on s'y prend comment ? », « par où commencer »,
 * « quelles étapes pour… », « comment monter… »): the phrases of `search.json` › howTo.markers,
 * or « comment » followed by a verb in the infinitive or by who does it (« comment on évalue »).
 * Returns the marker words found (they say what kind of answer is wanted, not its subject), or
 * undefined when the question does not ask how.
 */
export function howToWords(question: string, markers: string[]): string[] | undefined {
  const words = foldedWords(question);
  const padded = ` ${words.join(' ')} `;
  const found = paddedPhrases(markers)
    .filter((m) => m.trim() !== '' && padded.includes(m))
    .map((m) => m.trim().split(' '));
  const i = words.indexOf('comment');
  // « comment évaluer », « comment bien choisir », « comment on fait », « comment je m'y prends »; not
  // « comment les relations ont-elles évolué » (a question of fact).
  const next = words.slice(i + 1, i + 3);
  const infinitive = i >= 0 && next.some((w, k) => /^\p{L}{3,}(?:er|ir|re)$/u.test(w) && (k === 0 || /^(?:bien|mieux|on|je|nous|s|se|m|me|y)$/u.test(next[0]!)));
  const who = i >= 0 && /^(?:on|je|nous|l|faire|fait|faut)$/u.test(next[0] ?? '');
  if (found.length === 0 && !infinitive && !who) return undefined;
  return [...new Set([...found.flat(), ...(i >= 0 ? ['comment'] : [])])];
}
