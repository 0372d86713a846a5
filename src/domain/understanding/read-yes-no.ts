import type { UnderstandingVocabulary } from '../../content/schemas.js';
import { containsPhrase, isNegation, normalise } from './normalise.js';

export type YesNo = 'yes' | 'no' | 'dont-know';

const words = (text: string, vocab: UnderstandingVocabulary) => normalise(text, vocab).split(' ').filter(Boolean);

/**
 * Yes, no or « je ne sais pas » in everyday phrasings (« oui tout à fait », « pas vraiment »,
 * « chais pas »), from the lists of `ui.json` (`understanding`): « je ne sais pas » anywhere wins
 * (« non je sais pas »), then how the answer starts, then a negation anywhere (« c'est pas le
 * cas ») or a yes anywhere. Anything else: undefined.
 */
export function readYesNo(text: string, vocab: UnderstandingVocabulary): YesNo | undefined {
  const typed = words(text, vocab);
  if (typed.length === 0) return undefined;
  const list = (phrases: string[]) => phrases.map((p) => words(p, vocab)).filter((p) => p.length > 0);
  const dontKnow = list(vocab.dontKnow);
  const yes = list(vocab.yes);
  const no = list(vocab.no);
  const joined = typed.join(' ');
  if (dontKnow.some((p) => containsPhrase(typed, p))) return 'dont-know';
  if (no.some((p) => p.join(' ') === joined)) return 'no';
  if (yes.some((p) => p.join(' ') === joined)) return 'yes';
  const startsWith = (p: string[]) => p.every((w, i) => typed[i] === w);
  if (no.some(startsWith)) return 'no';
  // « oui mais pas maintenant » says both: not taken as a yes.
  if (yes.some(startsWith)) return typed.some((w) => isNegation(w, vocab)) ? undefined : 'yes';
  if (typed.some((w) => isNegation(w, vocab)) || no.some((p) => containsPhrase(typed, p))) return 'no';
  if (yes.some((p) => containsPhrase(typed, p))) return 'yes';
  return undefined;
}
