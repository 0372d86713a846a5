/**
 * The confidence rule: from what the best entry matched of a question, decide between an answer,
 * « je n'ai pas cette information », « je ne suis pas sûr » (with the closest topics) and « hors
 * de mon périmètre ». Pure; its thresholds are calibrated on the tune split of
 * `test/eval/qa-questions.json` (npm run eval:qa), never on the test split.
 *
 * Every word counts by its rarity in the content (IDF): missing « Danone » costs more than missing
 * « rôle ». Only « specific » words count: not stop words, not the words that only ask for a kind of
 * answer (« combien »), not the generic words of the domain (« partenariat », « territoire »).
 */

/** What the ranking found out about a question and its best entry (IDF sums over specific words). */
export interface Evidence {
  /** Weight of the specific words the best entry matches. */
  matched: number;
  /** How many specific words the best entry matches: « tout » of one word (« le temps ») says little. */
  matchedWords: number;
  /** Some matched specific word is in the best entry's title, names or phrasings, not only in its text. */
  inHeading: boolean;
  /** Weight of the specific words the content uses but the best entry does not match. */
  knownMissed: number;
  /** Weight of the words the content never uses (chat, typos beyond repair, or another subject). */
  unknownMissed: number;
  /** The best entry matches at least one specific word, or is named: without that, only generic words matched. */
  anchored: boolean;
  /** The best entry is named in the question (« modèle hybride », « mesure 18 », « Silver Geek »), and no other entry is. */
  named: boolean;
  /** The message has context around its question (several clauses: « Je suis…. On fait…. Ça rentre où ? »). */
  long: boolean;
  /** How many words of its own the message has (not stop words): a long message says much besides its subject. */
  words: number;
  /** Best score over the second entry's score: how clearly the best entry is ahead. */
  margin: number;
  /** Rarity (0 to 1) of the rarest specific word the content uses but the best entry does not match. */
  leftoverRarity: number;
  /** The question asks for a kind of information the documents never give (`search.json` unavailable) and the best entry does not hold it. */
  asksUnavailable: boolean;
}

export type Verdict = 'answer' | 'missing' | 'unsure' | 'out-of-scope';

export const CONFIDENCE = {
  /**
   * Coverage of an entry that is not named: matched / (matched + missed), a word the content never
   * uses counting `unknownWeight` of its IDF (often chat or a typo).
   */
  coverage: 0.5,
  unknownWeight: 1,
  /** An entry clearly ahead of the second (score ratio) is answered from `coverage` on. */
  margin: 1.3,
  /** An entry matching nearly everything (2 words at least) is answered even when a near-duplicate scores close. */
  fullCoverage: 0.85,
  /**
   * An entry found by its words (not named) must match at least this much (IDF): one common word of
   * the content (« histoire » in « raconte-moi l'histoire de France ») is not enough.
   */
  minMatched: 0,
  fullMargin: 1.05,
  /**
   * Focus of a named entry: matched / (matched + missed), where words the content uses count only
   * `knownWeight` (the context a user gives: « je suis chargée de mission RSE… ») and words it never
   * uses count fully (« une voiture à modèle hybride » is about cars).
   */
  namedFocus: 0.4,
  knownWeight: 0.25,
  focusUnknownWeight: 1,
  /**
   * A long message that names the best entry, clearly ahead of the second (score ratio): the narrative
   * around the question (who asks, why) is not what the answer must cover.
   */
  namedInLongMargin: 2,
  /**
   * A message of `wordyWords` words of its own or more is answered when its best entry matches 2
   * specific words (one in its title, names or phrasings) and scores `wordyMargin` times the
   * second's, whatever the coverage (cross-validated on tune + dev-learn: +2 chatty, no decline lost).
   */
  wordyWords: 8,
  wordyMargin: 3,
  /** A word left unmatched this rare (or rarer) asks for something the best entry does not say. */
  missingRarity: 0.6,
  /**
   * A word of the context around the question (the sentences that do not ask, a self-presentation)
   * counts this much of its IDF: « on a 40 licenciés et les subventions baissent » frames the question,
   * it is not what the answer must cover.
   */
  contextShare: 0.25,
};

/** Share of the question the best entry covers, for an entry found by its words. */
export function coverage(e: Evidence): number {
  const total = e.matched + e.knownMissed + CONFIDENCE.unknownWeight * e.unknownMissed;
  return total === 0 ? 0 : e.matched / total;
}

/** Share of the question the best entry covers, for an entry the question names. */
export function focus(e: Evidence): number {
  const total = e.matched + CONFIDENCE.knownWeight * e.knownMissed + CONFIDENCE.focusUnknownWeight * e.unknownMissed;
  return total === 0 ? 0 : e.matched / total;
}

export function verdict(e: Evidence): Verdict {
  if (!e.anchored) return 'out-of-scope';
  if (e.asksUnavailable) return 'missing';
  // The question names the entry: answer it, unless the question is mostly about something else.
  if (e.named && focus(e) >= CONFIDENCE.namedFocus) return 'answer';
  if (e.named && e.long && e.margin >= CONFIDENCE.namedInLongMargin) return 'answer';
  // A wordy message (« pour mon chapitre historique je cherche les grandes étapes… ») whose best entry is far ahead:
  // the narrative around the subject dilutes the coverage, not the subject.
  if (e.words >= CONFIDENCE.wordyWords && e.inHeading && e.matchedWords >= 2 && e.margin >= CONFIDENCE.wordyMargin) return 'answer';
  // One word found only deep in an entry's text (« Lyon » in « Université Catholique de Lyon ») is no subject.
  if (e.matchedWords === 1 && !e.inHeading) return 'unsure';
  const c = coverage(e);
  const enough = e.matched >= CONFIDENCE.minMatched;
  if (enough && c >= CONFIDENCE.coverage && e.margin >= CONFIDENCE.margin) return 'answer';
  if (enough && e.matchedWords >= 2 && c >= CONFIDENCE.fullCoverage && e.margin >= CONFIDENCE.fullMargin) return 'answer';
  return e.leftoverRarity >= CONFIDENCE.missingRarity && c < CONFIDENCE.coverage ? 'missing' : 'unsure';
}
