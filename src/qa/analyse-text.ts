import { stemmer } from '@orama/stemmers/french';
import type { SearchFile } from '../content/schemas.js';
import { fold } from '../text/fold.js';

export interface TextAnalyzer {
  /** One token as the index stores it: folded, stemmed; null for a stop word. */
  term(token: string): string | null;
  /**
   * The meaningful terms of a text, each with the terms its synonyms add. A word that only says
   * what kind of answer is wanted (« combien ») is `soft`: it helps rank but need not be matched.
   */
  queryTerms(text: string): Array<{ term: string; alternatives: string[]; soft: boolean }>;
  /** Kinds of answer the question's wording asks for (« combien » → figure). */
  intents(text: string): string[];
}

const SPLIT = /[\s'’`"«»“”.,;:!?()[\]{}…/\\|+*=<>-]+/u;

/**
 * Words of a text. A word followed by a number is also kept joined to it (« ODD 17 » → « odd17 »),
 * so that « l'ODD 17 » is told apart from the ODD in general.
 */
export function tokenize(text: string): string[] {
  const words = text.split(SPLIT).filter(Boolean);
  const joined = words.flatMap((w, i) => (/^\d+$/.test(words[i + 1] ?? '') && !/^\d+$/.test(w) ? [`${w}${words[i + 1]}`] : []));
  return [...words, ...joined];
}

/**
 * French text analysis for the search index: accents folded, stop words dropped, words reduced
 * to their stem by the Snowball French stemmer, and (for questions) abbreviations and everyday
 * words expanded to the words the content uses (RSE, boîte, mairie...).
 */
export function createAnalyzer(search: SearchFile): TextAnalyzer {
  const stop = new Set(search.stopwords.map(fold));
  const synonyms = new Map(Object.entries(search.synonyms).map(([k, v]) => [fold(k), v.map(fold)]));
  const term = (token: string): string | null => {
    const folded = fold(token).replace(/\s+/g, '');
    if (folded === '' || stop.has(folded)) return null;
    return /^\d+$/.test(folded) ? folded : stemmer(folded);
  };
  const intents = Object.entries(search.intents).map(([kind, words]) => ({ kind, words: new Set(words.map(fold)) }));
  const intentWords = new Set(intents.flatMap((i) => [...i.words]));
  return {
    term,
    intents: (text) => {
      const words = new Set([...tokenize(text).map(fold), ...(text.includes('%') ? ['%'] : [])]);
      return intents.filter((i) => [...i.words].some((w) => words.has(w))).map((i) => i.kind);
    },
    queryTerms: (text) =>
      tokenize(text).flatMap((token) => {
        const t = term(token);
        if (t === null) return [];
        const alternatives = (synonyms.get(fold(token)) ?? []).map(term).filter((x): x is string => x !== null && x !== t);
        return [{ term: t, alternatives, soft: intentWords.has(fold(token)) }];
      }),
  };
}
