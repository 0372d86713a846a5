import type { UnderstandingVocabulary } from '../../content/schemas.js';
import { fold } from '../../text/fold.js';

/** A vocabulary with its phrase lists compiled once (the content store never changes while serving). */
interface Compiled {
  shorthand: Array<[RegExp, string]>;
  fillers: RegExp | undefined;
  negations: Set<string>;
}

const compiled = new WeakMap<UnderstandingVocabulary, Compiled>();

const phrase = (words: string) => words.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(' ');

function compile(vocab: UnderstandingVocabulary): Compiled {
  let c = compiled.get(vocab);
  if (!c) {
    // Longest first, so that « chai pas » is replaced before a shorter key inside it.
    const byLength = (a: string, b: string) => b.length - a.length;
    const shorthand = Object.keys(vocab.shorthand)
      .map(fold)
      .sort(byLength)
      .map((key): [RegExp, string] => [new RegExp(`(?<= |^)${phrase(key)}(?= |$)`, 'gu'), fold(vocab.shorthand[key] ?? key)]);
    const fillers = vocab.fillers.map(fold).filter(Boolean).sort(byLength);
    c = {
      shorthand,
      fillers: fillers.length ? new RegExp(`(?<= |^)(?:${fillers.map(phrase).join('|')})(?= |$)`, 'gu') : undefined,
      negations: new Set(vocab.negations.map(fold)),
    };
    compiled.set(vocab, c);
  }
  return c;
}

/**
 * The text as the understanding layer reads it: folded (case, accents, punctuation), numbers
 * glued to their unit split off (« 9h » → « 9 h »), shorthand and SMS spellings written out
 * (« jsp » → « je sais pas »). « 100 % » keeps its digits.
 */
export function normalise(text: string, vocab: UnderstandingVocabulary): string {
  let t = fold(text.replace(/%/g, ' pourcent '))
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/([a-z])(\d)/g, '$1 $2');
  // Spelled-out initials: « p.m.e » folds to « p m e », read as « pme ».
  t = t.replace(/(?<= |^)[a-z](?: [a-z]){2,}(?= |$)/g, (m) => m.replace(/ /g, ''));
  for (const [re, to] of compile(vocab).shorthand) t = t.replace(re, to);
  return t.replace(/\s+/g, ' ').trim();
}

/** The words of a normalised text that carry meaning: filler words (« euh », « c'est », « une ») left out. */
export function meaningfulWords(normalised: string, vocab: UnderstandingVocabulary): string[] {
  const re = compile(vocab).fillers;
  const stripped = re ? normalised.replace(re, ' ') : normalised;
  return stripped.split(' ').filter(Boolean);
}

export function isNegation(word: string, vocab: UnderstandingVocabulary): boolean {
  return compile(vocab).negations.has(word);
}

/** True when `words` contains `part` as consecutive words. */
export function containsPhrase(words: string[], part: string[]): boolean {
  if (part.length === 0 || part.length > words.length) return false;
  for (let i = 0; i + part.length <= words.length; i++) if (part.every((w, j) => words[i + j] === w)) return true;
  return false;
}
