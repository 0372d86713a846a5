import { stemmer } from '@orama/stemmers/french';
import type { SearchFile } from '../../content/schemas.js';
import { fold } from '../../text/fold.js';
import type { Speller } from './spelling.js';

/** One meaningful word of a question, as the index reads it. */
export interface QueryTerm {
  /** The word folded, stemmed (after typo correction). */
  term: string;
  /** Stems of the words its synonyms add (« boîte » → entreprise). */
  alternatives: string[];
  /** A word that only says what kind of answer is wanted (« combien »): it helps rank but need not be matched. */
  soft: boolean;
  /** Whether the content uses this word (or its correction, or it has synonyms): an unknown word is something the store may lack. */
  known: boolean;
  /** A word and the number after it, joined by the analyser (« odd 17 » → odd17): not the user's own word. */
  joined?: boolean;
  /** How much the word weighs in the ranking (1 in the question itself; less in the context around it, see question-focus.ts). */
  weight?: number;
  /** A word of the context around the question (not of the clause that asks): it counts less in the confidence rule. */
  context?: boolean;
}

export interface TextAnalyzer {
  /** One token as the index stores it: folded, stemmed; null for a stop word. */
  term(token: string): string | null;
  /** The meaningful terms of a question, typos corrected, each with the terms its synonyms add. */
  queryTerms(text: string): QueryTerm[];
  /** The stems of a name, in order (« Mécénat de compétences » → mecenat, competent), for entity matching. */
  nameTerms(name: string): string[];
  /** The same with a word and the number after it joined (« ODD 17 » → odd17), as a question may type it. */
  joinedNameTerms(name: string): string[];
  /** Kinds of answer the question's wording asks for (« combien » → figure). */
  intents(text: string): string[];
  /** Whether a stem is that of a stop word (« semaines » for « semaine »): chat in another form. */
  isStopStem(term: string): boolean;
  /** Whether the question contains one of these phrases, word for word (accents and case folded). */
  hasPhrase(text: string, phrases: string[]): boolean;
}

const SPLIT = /[\s'’`"«»“”.,;:!?()[\]{}…/\\|+*=<>&–—%-]+/u;

/**
 * Words of a text. A word followed by a number is also kept joined to it (« ODD 17 » → « odd17 »),
 * so that « l'ODD 17 » is told apart from the ODD in general.
 */
export function tokenize(text: string): string[] {
  const { words, joined } = tokenParts(text);
  return [...words, ...joined];
}

/** The words of a text (with a letter or a digit: no emoji) and the word-number pairs joined. */
function tokenParts(text: string): { words: string[]; joined: string[] } {
  // « co-construction », « co construire » and « coconstruction » are one word.
  const words = text
    .replace(/(?<!\p{L})(co)[-‐\s]+(?=\p{L}{3})/giu, '$1')
    .split(SPLIT)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  // Only a real word (3 letters or more): « en 2007 » is no name.
  const joined = words.flatMap((w, i) => (/^\d+$/.test(words[i + 1] ?? '') && /^\p{L}{3,}$/u.test(w) ? [`${w}${words[i + 1]}`] : []));
  return { words, joined };
}

/** SMS shorthand written out with the table the dialogs use (`ui.json` › understanding.shorthand: « ds » → dans, « pr » → pour). */
export function expandShorthand(text: string, table: Record<string, string>): string {
  return foldedWords(text)
    .map((w) => table[w] ?? w)
    .join(' ');
}

/** The folded words of a text, in order (no joined forms): what the speller learns from. */
export function foldedWords(text: string): string[] {
  return text
    .replace(/(?<!\p{L})(co)[-‐\s]+(?=\p{L}{3})/giu, '$1')
    .split(SPLIT)
    .map((w) => fold(w).replace(/\s+/g, ''))
    .filter(Boolean);
}

const PADDED = new WeakMap<readonly string[], string[]>();

/**
 * A list of phrases folded as questions are (` mot1 mot2 `, padded with spaces to match whole
 * words), computed once per list: the lists of `search.json` are read at every question.
 */
export function paddedPhrases(list: readonly string[]): string[] {
  let padded = PADDED.get(list);
  if (!padded) {
    padded = list.map((p) => ` ${foldedWords(p).join(' ')} `);
    PADDED.set(list, padded);
  }
  return padded;
}

/** A text folded into words, padded with spaces (` mot1 mot2 `): what `paddedPhrases` are looked for in. */
export function paddedText(text: string): string {
  return ` ${foldedWords(text).join(' ')} `;
}

/**
 * French text analysis for the search index: accents folded, stop words dropped, words reduced
 * to their stem by the Snowball French stemmer, and (for questions) typos corrected against the
 * content's own words, abbreviations and everyday words expanded to the words the content uses
 * (RSE, boîte, mairie...).
 */
export function createAnalyzer(search: SearchFile, speller?: Speller): TextAnalyzer {
  const stop = new Set(search.stopwords.map(fold));
  // « deuxième », « 2e », « 2ème » are read as « 2e » (an ordinal, not the number of « 21 mesures »),
  // so that « la 2e étape » finds « étape 2 » (see EntityIndex).
  const numbers = new Map(Object.entries(search.numbers).flatMap(([n, words]) => words.map((w) => [fold(w).replace(/\s+/g, ''), n] as const)));
  const ordinals = new Map(Object.entries(search.ordinals).flatMap(([n, words]) => words.map((w) => [fold(w).replace(/\s+/g, ''), n] as const)));
  const synonyms = new Map(Object.entries(search.synonyms).map(([k, v]) => [fold(k), v.map(fold)]));
  // A word with one synonym is slang or an abbreviation (« asso », « boîte », « former »): it is read
  // as the content's word, in questions and in the content alike, so that the few FAQ phrasings
  // written with it neither outweigh nor miss the entries that use the content's word.
  const replacements = new Map([...synonyms].filter(([, v]) => v.length === 1).map(([k, v]) => [k, v[0]!]));
  const term = (token: string): string | null => {
    const raw = fold(token).replace(/\s+/g, '');
    const folded = replacements.get(raw) ?? raw;
    if (folded === '' || stop.has(folded)) return null;
    const ordinal = ordinals.get(folded) ?? /^(\d+)(?:e|er|re|eme|ieme|nd|nde)$/.exec(folded)?.[1];
    if (ordinal) return `${ordinal}e`;
    const number = numbers.get(folded);
    if (number) return number;
    return /^\d+$/.test(folded) ? folded : stemmer(folded);
  };
  const chat = new Set(search.chatWords.map((w) => fold(w).replace(/\s+/g, '')));
  const stopStems = new Set(
    [...stop, ...search.chatWords.map(fold)].filter((w) => w.length >= 4 && !/[\d\s]/.test(w)).map((w) => stemmer(w.replace(/\s+/g, ''))),
  );
  const intents = Object.entries(search.intents).map(([kind, words]) => ({ kind, words: new Set(words.map(fold)) }));
  const intentWords = new Set(intents.flatMap((i) => [...i.words]));
  return {
    term,
    intents: (text) => {
      const words = new Set([...tokenize(text).map(fold), ...(text.includes('%') ? ['%'] : [])]);
      return intents.filter((i) => [...i.words].some((w) => words.has(w))).map((i) => i.kind);
    },
    isStopStem: (t) => stopStems.has(t),
    nameTerms: (name) => foldedWords(name).flatMap((w) => term(w) ?? []),
    joinedNameTerms: (name) => {
      const words = foldedWords(name);
      const joined = words.flatMap((w, i) => (/^\d+$/.test(words[i + 1] ?? '') && !/^\d+$/.test(w) ? [] : /^\d+$/.test(w) && i > 0 && !/^\d+$/.test(words[i - 1]!) ? [`${words[i - 1]}${w}`] : [w]));
      return joined.flatMap((w) => term(w) ?? []);
    },
    hasPhrase: (text, phrases) => {
      const padded = paddedText(text);
      return paddedPhrases(phrases).some((p) => padded.includes(p));
    },
    queryTerms: (text) => {
      const parts = tokenParts(text);
      return [...parts.words, ...parts.joined].flatMap((token, position) => {
        const folded = fold(token).replace(/\s+/g, '');
        if (folded === '' || stop.has(folded)) return [];
        // Everyday words the content never uses are chat (« je travaille dans… »): dropped before any typo repair.
        if (chat.has(folded) && speller && !speller.has(folded)) return [];
        const own = synonyms.get(folded);
        const replaced = replacements.get(folded);
        const corrected = replaced ?? (own || !speller ? folded : (speller.correct(folded) ?? folded));
        if (stop.has(corrected)) return [];
        const t = term(corrected);
        if (t === null) return [];
        const expansions = replaced ? [] : (own ?? synonyms.get(corrected) ?? []);
        const alternatives = [...new Set(expansions.map(term).filter((x): x is string => x !== null && x !== t))];
        const known = own !== undefined || !speller || speller.has(corrected) || /^\d/.test(corrected) || ordinals.has(corrected) || numbers.has(corrected);
        // Soft only as typed: « former » (→ formation) asks to learn, not for a kind of answer.
        const soft = intentWords.has(folded) || (corrected !== folded && !replaced && intentWords.has(corrected));
        return [{ term: t, alternatives, soft, known, ...(position >= parts.words.length ? { joined: true } : {}) }];
      });
    },
  };
}
