import { z } from 'zod';
import { Text } from './shared.js';

// `content/search.json`: the words of free-text questions.

/** Words ignored in questions, and words a question may use for another (folded, lower case). */
export const SearchFile = z.object({
  note: Text,
  stopwords: z.array(z.string().min(1)),
  synonyms: z.record(z.string(), z.array(z.string().min(1)).min(1)),
  /**
   * Words that say what kind of answer a question wants (« combien » → a figure, « outil » → a
   * tool): entries of that kind weigh more for that question.
   */
  intents: z.record(z.enum(['figure', 'tool', 'model']), z.array(z.string().min(1))),
  /** How a question may start (« c'est quoi », « comment »...): such a text typed mid-dialog is taken as a question. */
  questionStarts: z.array(z.string().min(1)).min(1),
  /**
   * More names of an answerable entry (entry id → names): a question that names one gets that
   * entry first (« joint venture » → the hybrid model). Names taken from the content itself
   * (titles, labels, example names, « mesure 18 ») need not be listed.
   */
  aliases: z.record(z.string(), z.array(z.string().min(1)).min(1)).default({}),
  /** Entries that are one subject (near-duplicates): the first answers for all, found by the words of each. */
  sameSubject: z.array(z.array(z.string().min(1)).min(2)).default([]),
  /** Entries that sum up several others (the 7 needs, the 9 models): a question naming one of those prefers it. */
  overviews: z.array(z.string().min(1)).default([]),
  /**
   * Everyday French words (« hélas », « maintenant », « travaille »…): dropped from a question when
   * the content never uses them, so that chat around a question does not weigh like its subject.
   */
  chatWords: z.array(z.string().min(1)).default([]),
  /** Words so common in the content that they alone never make a confident answer (partenariat, territoire…). */
  generic: z.array(z.string().min(1)).default([]),
  /** Ways of saying « near me » (« près de chez moi »): the answer lists the examples of the user's département and region first. */
  nearMe: z.array(z.string().min(1)).default([]),
  /** Words that ask about oneself (« pour moi », « mon association »): the user's profile then guides the answer. */
  aboutMe: z.array(z.string().min(1)).default([]),
  /** Words that ask to compare two things (« différence », « vs »): the answer then gives both entries. */
  comparison: z.array(z.string().min(1)).default([]),
  /**
   * Words that ask for what the documents never give (a budget, a price, a salary, contact
   * details, what happened after 2022): unless the best entry holds that word, the bot says it
   * does not have this information rather than answering beside the question.
   */
  unavailable: z.array(z.string().min(1)).default([]),
  /** Words that ask for examples (« exemple », « initiative »): with a region's name, the examples of that region. */
  exampleWords: z.array(z.string().min(1)).default([]),
  /** Numbers written in words (« 2 » → « deux »), read as the number: « les deux questions » finds « 2 questions ». */
  numbers: z.record(z.string().regex(/^\d+$/), z.array(z.string().min(1))).default({}),
  /** Ordinal words per number (« 2 » → « deuxième », « 2e »), to find « la deuxième étape » or « le 3e objectif structurel ». */
  ordinals: z.record(z.string().regex(/^\d+$/), z.array(z.string().min(1))).default({}),
  /**
   * The parts of a typed message (src/domain/qa/question-focus.ts): greetings and thanks are no part of
   * the question, a self-presentation says who asks, an ask phrase marks the clause that asks.
   */
  messageParts: z
    .object({ greetings: z.array(z.string().min(1)), politeness: z.array(z.string().min(1)), selfIntro: z.array(z.string().min(1)), asks: z.array(z.string().min(1)) })
    .default({ greetings: [], politeness: [], selfIntro: [], asks: [] }),
  /**
   * Questions that ask how to do something (« par où commencer », « quelles étapes »): their marker
   * words say what kind of answer is wanted, and entries of these kinds (methods, steps, tools) weigh more.
   */
  howTo: z.object({ markers: z.array(z.string().min(1)), kinds: z.array(z.string().min(1)) }).default({ markers: [], kinds: [] }),
  /**
   * Phrases that ask for a kind of information recognisable in a text (a number, a date, a name,
   * contact details, an amount, a link): when the best entry holds none, the bot says it does not
   * have this information.
   */
  answerTypes: z.partialRecord(z.enum(['number', 'date', 'person', 'contact', 'amount', 'link']), z.array(z.string().min(1))).default({}),
  /** Verbs that open a request to do something (« écris », « traduis »): declined, the bot only tells what the documents say. */
  tasks: z.array(z.string().min(1)).default([]),
  /**
   * Words and phrases the seeds use for the same thing (« mécénat de compétences » / « engagement
   * des salariés », « mairie » / « commune » / « collectivité »): a question's word also finds the
   * others of its group, weighing less than its own.
   */
  thesaurus: z.array(z.array(z.string().min(1)).min(2)).default([]),
});

export type SearchFile = z.infer<typeof SearchFile>;
