import { foldedWords, paddedPhrases } from './analyse-text.js';

/**
 * The kind of information a question asks for, when it asks for one that can be recognised in a
 * text without understanding it: a number, a date, a person or an organisation by name, contact
 * details, an amount of money, a link.
 */
export type AnswerType = 'number' | 'date' | 'person' | 'contact' | 'amount' | 'link';

/** What a question asks for: the types, and for a number the word it counts (« combien d'associations » → associations). */
export interface AskedFor {
  types: AnswerType[];
  /** The folded word right after « combien de », « quel pourcentage de »…: what is counted. */
  counted?: string;
}

const NUMBER = /\d|[¼½¾]/u;
const NUMBER_WORDS = new Set(['million', 'millions', 'milliard', 'milliards', 'moitie', 'tiers', 'quart', 'quarts', 'centaine', 'dizaine', 'cinquantaine', 'vingtaine', 'quinzaine', 'majorite']);
const YEAR = /\b(?:1[89]\d\d|20\d\d)\b/u;
const MONTH = /\b(?:janvier|fevrier|février|mars|avril|mai|juin|juillet|aout|août|septembre|octobre|novembre|decembre|décembre)\b/iu;
// A name: a word in capitals (RAMEAU, MEDEF) or a capitalised word inside a sentence (« Caisse des Dépôts »).
const ACRONYM = /\b\p{Lu}{3,}\b/u;
const INNER_CAPITAL = /[^.!?:\s]\s+(?:[LlDd]['’])?\p{Lu}\p{Ll}+/u;
const CONTACT = /@|\b0\d(?:[ .]?\d\d){4}\b|\+33|\b\d{1,4},?\s+(?:rue|avenue|boulevard|place|chemin|allée)\b/iu;
const AMOUNT = /€|\beuros?\b|\bM€|\bMd€/iu;
const LINK = /https?:\/\/|\bwww\.|\b[\w-]+\.(?:org|fr|com|gouv\.fr)\b/iu;

/** Units rather than things counted (« combien de temps », « combien d'années »): any number may answer. */
const UNITS = new Set(['temps', 'fois', 'an', 'ans', 'annee', 'annees', 'mois', 'jour', 'jours', 'semaine', 'semaines', 'heure', 'heures', 'duree', 'euros', 'argent']);

/** Words that come between « combien » and what it counts (« combien de », « le nombre des »). */
const LINKING = new Set(['de', 'd', 'des', 'du', 'les', 'la', 'le', 'l', 'y', 'a', 't', 'il', 'en', 'ya']);

/**
 * What a question asks for, from the phrases of `search.json` › answerTypes (a phrase written
 * « ^quand » only at the start of the question; « combien » → number,
 * « en quelle année » → date, « qui a » → person, « adresse mail » → contact, « budget » → amount,
 * « site » → link). Phrases are matched word for word, accents and case folded.
 */
export function askedFor(question: string, phrases: Partial<Record<AnswerType, string[]>>): AskedFor {
  const words = foldedWords(question);
  const padded = ` ${words.join(' ')} `;
  const types: AnswerType[] = [];
  let counted: string | undefined;
  for (const [type, list] of Object.entries(phrases) as Array<[AnswerType, string[]]>) {
    for (const [k, phrase] of paddedPhrases(list).entries()) {
      const p = phrase.trim().split(' ');
      // « ^quand »: only at the start (« quand a été créé… »), not « par où commencer quand on veut… ».
      const at = list[k]!.startsWith('^') ? (padded.startsWith(phrase) ? 0 : -1) : padded.indexOf(phrase);
      if (at < 0 || phrase.trim() === '') continue;
      if (!types.includes(type)) types.push(type);
      if (type === 'number' && counted === undefined) {
        // The word counted: the first word after the phrase that is not « de », « des », « y a-t-il »…
        const start = padded.slice(0, at).trim().split(' ').filter(Boolean).length + p.length;
        const next = words.slice(start).find((w) => !LINKING.has(w) && !/^\d+$/.test(w));
        counted = next !== undefined && !UNITS.has(next) ? next : undefined;
      }
    }
  }
  return { types, counted };
}

/**
 * Whether a text holds the kind of information asked for. A number must stand next to what is
 * counted (« 1,5 million d'associations »): a text that speaks of associations with no number
 * beside them does not say how many there are.
 */
export function holdsAnswer(type: AnswerType, text: string, counted?: { matches: (word: string) => boolean }): boolean {
  switch (type) {
    case 'number': {
      if (!NUMBER.test(text)) return false;
      if (!counted) return true;
      // « combien de PTCE ? »: a text that never says « PTCE » next to a number does not say how many there are.
      const words = text.split(/[\s'’«»"(),;:!?]+|\.(?!\d)/u).filter(Boolean);
      // A year (« depuis 2010 ») counts nothing.
      const isNumber = (w: string | undefined) => w !== undefined && !/^(?:1[89]|20)\d\d$/u.test(w) && (NUMBER.test(w) || NUMBER_WORDS.has(w.toLowerCase()));
      // The number stands before what it counts (« 5.800 entreprises de taille intermédiaire (ETI) »,
      // « 76% des maires »), rarely a few words after (« les bénévoles : 12,7 millions »).
      return words.some((w, i) => counted.matches(w) && words.slice(Math.max(0, i - 6), i + 3).some(isNumber));
    }
    case 'date':
      return YEAR.test(text) || MONTH.test(text);
    case 'person':
      return ACRONYM.test(text) || INNER_CAPITAL.test(text);
    case 'contact':
      return CONTACT.test(text);
    case 'amount':
      return AMOUNT.test(text);
    case 'link':
      return LINK.test(text);
  }
}

/** The years a question names (« en 2024 », « 2023-2027 »): an answer that names none of them speaks of another time. */
export function yearsIn(text: string): string[] {
  return [...text.matchAll(/\b(?:1[89]|20)\d\d\b/gu)].map((m) => m[0]);
}
