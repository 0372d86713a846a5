import type { UnderstandingVocabulary } from '../../content/schemas.js';
import { fold } from '../../text/fold.js';

/**
 * Words that may stand before a position (« le 3 », « n° 3 », « option 3 », « je dirais 3 »);
 * anything else around a number (« on est 3 ») makes it something other than a position.
 */
const POSITION_PREFIX = /^(?:(?:euh|alors|bon|ben|je dirais|je dirai|je prends|je choisis|plutot|c est|cest|ce serait|disons|donc)\s+)*(?:(?:le|la|l|n|no|num|numero|option|choix|reponse|proposition|bouton)\s+)*/;
const SUFFIX = /(?:\s+(?:svp|stp|merci|please))*$/;

/**
 * A whole number said alone: « 3 », « le 3 », « n° 3 », « option 3 », « trois », « dix-sept ».
 * `normalised` comes from `normalise`.
 */
export function readNumber(normalised: string, vocab: UnderstandingVocabulary): number | undefined {
  const text = normalised.replace(POSITION_PREFIX, '').replace(SUFFIX, '').trim();
  if (/^\d{1,3}$/.test(text)) return Number(text);
  for (const [word, n] of Object.entries(vocab.numbers)) if (fold(word) === text) return n;
  return undefined;
}

/**
 * A position said as an ordinal: « le deuxième », « la 3e », « le second », « le dernier » (-1).
 */
export function readOrdinal(normalised: string, vocab: UnderstandingVocabulary): number | undefined {
  const text = normalised.replace(POSITION_PREFIX, '').replace(/\s+(?:choix|option|reponse|proposition|bouton)$/, '').replace(SUFFIX, '').trim();
  const digits = /^(\d{1,2}) ?(?:er|ere|e|eme|em|nd|nde)$/.exec(text);
  if (digits) return Number(digits[1]);
  for (const [word, n] of Object.entries(vocab.ordinals)) if (fold(word) === text) return n;
  return undefined;
}
