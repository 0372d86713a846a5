import type { UnderstandingVocabulary } from '../../content/schemas.js';
import { fold } from '../../text/fold.js';
import { isNegation, meaningfulWords, normalise } from './normalise.js';
import { readNumber, readOrdinal } from './read-number.js';
import { wordSimilarity } from './similarity.js';

/** An answer the user may give: its button value, its label, and other ways to say it (from content). */
export interface ChoiceOption {
  /** The button's value: a press carries it. */
  value: string;
  label: string;
  /** Other phrasings from content (`synonyms` fields), folded when compared. */
  synonyms?: readonly string[];
}

/** How an answer was understood: said in the README, and by the evaluation (`npm run eval:choices`). */
export type MatchHow = 'button' | 'exact' | 'number' | 'ordinal' | 'words';

export type ChoiceMatch<T> =
  | { kind: 'match'; option: T; how: MatchHow }
  /** Two options fit about as well: ask which one, with these two. */
  | { kind: 'clarify'; options: [T, T] }
  | { kind: 'none' };

export interface MatchSettings {
  /** « 2 », « deux » pick the 2nd option (off where numbers mean something else, e.g. a level). */
  numbered?: boolean;
}

/** A phrase that counts as accepted at this score... */
const ACCEPT = 0.72;
/** ...unless another option is within this much of it: then the user is asked which. */
const CLOSE = 0.1;

interface Phrase {
  words: string[];
}

/** Label parts: « TPE (très petite entreprise) » gives « TPE » and « très petite entreprise ». */
function labelParts(label: string): string[] {
  const parts = label.split(/[(),·:]/).map((p) => p.trim()).filter(Boolean);
  return parts.length > 1 ? [label, ...parts] : [label];
}

const phraseCache = new WeakMap<ChoiceOption, Phrase[]>();

function phrasesOf(option: ChoiceOption, vocab: UnderstandingVocabulary): Phrase[] {
  let phrases = phraseCache.get(option);
  if (!phrases) {
    const make = (text: string): Phrase | undefined => {
      const n = normalise(text, vocab);
      const words = meaningfulWords(n, vocab);
      const all = words.length > 0 ? words : n.split(' ').filter(Boolean);
      return all.length > 0 ? { words: all } : undefined;
    };
    phrases = [...labelParts(option.label), ...(option.synonyms ?? [])].map(make).filter((p): p is Phrase => p !== undefined);
    phraseCache.set(option, phrases);
  }
  return phrases;
}

/**
 * How well the typed words say this phrase, 0 to 1 (a little more for a long phrase said whole):
 * mostly how much of the phrase is there (typos tolerated), a little how much of the answer the
 * phrase explains. A negation in the answer that the phrase lacks (« pas important » against
 * « important ») lowers it.
 */
function phraseScore(typed: string[], phrase: Phrase, vocab: UnderstandingVocabulary): number {
  if (typed.length === 0) return 0;
  let recall = 0;
  for (const p of phrase.words) recall += Math.max(0, ...typed.map((t) => wordSimilarity(t, p)));
  recall /= phrase.words.length;
  const explained = typed.filter((t) => phrase.words.some((p) => wordSimilarity(t, p) >= 0.75)).length / typed.length;
  let score = recall * (0.75 + 0.25 * explained);
  if (recall === 1) score += 0.02 * Math.min(phrase.words.length, 4);
  const negated = typed.some((t) => isNegation(t, vocab)) && !phrase.words.some((p) => isNegation(p, vocab));
  return negated ? score * 0.7 : score;
}

/** Each option's best score for these words, best first. */
export function scoreOptions<T extends ChoiceOption>(words: string[], options: readonly T[], vocab: UnderstandingVocabulary) {
  return options
    .map((option, index) => {
      const scores = phrasesOf(option, vocab)
        .map((p) => phraseScore(words, p, vocab))
        .sort((a, b) => b - a);
      // Several of an option's phrases said whole (« renforcer l'offre », « clauses d'insertion »): more evidence.
      const more = scores.slice(1).filter((s) => s >= 0.9).length;
      return { option, index, score: (scores[0] ?? 0) + 0.05 * Math.min(more, 3) };
    })
    .sort((a, b) => b.score - a.score || a.index - b.index);
}

/**
 * The option meant by an answer, in this order: the button pressed; the label or a synonym typed
 * exactly (accents, case and punctuation aside); a number or an ordinal (« 2 », « le deuxième »)
 * when `numbered`; then the words of the answer against each option's phrases, typos tolerated.
 * When the two best options score about the same, `clarify` names them; nothing close: `none`.
 */
export function matchChoice<T extends ChoiceOption>(
  input: { text: string; value?: string },
  options: readonly T[],
  vocab: UnderstandingVocabulary,
  settings: MatchSettings = {},
): ChoiceMatch<T> {
  if (input.value !== undefined) {
    const pressed = options.find((o) => o.value === input.value);
    return pressed ? { kind: 'match', option: pressed, how: 'button' } : { kind: 'none' };
  }
  const text = normalise(input.text, vocab);
  if (text === '') return { kind: 'none' };

  const exact = options.filter((o) => [o.label, ...labelParts(o.label), ...(o.synonyms ?? []), o.value].some((p) => normalise(p, vocab) === text));
  if (exact.length === 1) return { kind: 'match', option: exact[0]!, how: 'exact' };
  if (exact.length > 1) return { kind: 'clarify', options: [exact[0]!, exact[1]!] };
  // « un peu des deux » between two options: which one weighs more is for the user to say.
  if (options.length === 2 && vocab.both.some((p) => normalise(p, vocab) === text)) return { kind: 'clarify', options: [options[0]!, options[1]!] };

  if (settings.numbered) {
    const n = readNumber(text, vocab);
    if (n !== undefined) return n >= 1 && n <= options.length ? { kind: 'match', option: options[n - 1]!, how: 'number' } : { kind: 'none' };
    const ordinal = readOrdinal(text, vocab);
    const at = ordinal === -1 ? options.length : ordinal;
    if (at !== undefined && at >= 1 && at <= options.length) return { kind: 'match', option: options[at - 1]!, how: 'ordinal' };
  }

  const words = meaningfulWords(text, vocab);
  const ranked = scoreOptions(words, options, vocab);
  const [best, second] = ranked;
  if (!best || best.score < ACCEPT) return { kind: 'none' };
  if (second && second.score >= ACCEPT && best.score - second.score < CLOSE) return { kind: 'clarify', options: [best.option, second.option] };
  return { kind: 'match', option: best.option, how: 'words' };
}

/** The folded form under which two texts compare equal (for callers that need a key). */
export const comparable = (text: string, vocab: UnderstandingVocabulary) => meaningfulWords(normalise(text, vocab), vocab).join(' ') || fold(text);
