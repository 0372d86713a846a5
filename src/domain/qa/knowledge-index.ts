import MiniSearch from 'minisearch';
import type { Content } from '../../content/content.js';
import { fold } from '../../text/fold.js';
import { createAnalyzer, expandShorthand, foldedWords, paddedPhrases, tokenize, type QueryTerm, type TextAnalyzer } from './analyse-text.js';
import { askedFor, holdsAnswer, yearsIn, type AnswerType } from './answer-type.js';
import { CONFIDENCE, coverage as coverageOf, verdict, type Evidence, type Verdict } from './confidence.js';
import { EntityIndex } from './entity-index.js';
import { howToWords } from './how-to.js';
import { knowledgeDocs, type KnowledgeDoc } from './knowledge-docs.js';
import { ExampleIndex, learntWords, phrasingExamples, type ExampleVote } from './phrasing-examples.js';
import { focusMessage, type Focus } from './question-focus.js';
import { splitQuestion } from './split-question.js';
import { Speller } from './spelling.js';
import { asksForTask } from './task-request.js';
import { Thesaurus } from './thesaurus.js';

/** Weights of the ranking, calibrated on the tune split of `test/eval/qa-questions.json` (npm run eval:qa). */
export const TUNING = {
  /** `phrasings`: the words of the examples of `phrasings.json` that an entry answers, weighed as the FAQ's own phrasings. */
  fields: { title: 3, names: 3, questions: 1.5, phrasings: 1.5, text: 1, extra: 0.5 },
  /** Entries of the kind a question asks for (« combien » → figures) weigh this much more. */
  intentBoost: 3,
  synonymWeight: 0.35,
  lengthNormalisation: 0.5,
  /**
   * The 12 best entries are ranked again by score × coverage^power: BM25 adds up what each word
   * brings, so an entry matching many common words can pass one that matches the question's rare word.
   */
  coveragePower: 2,
  /** Entries that are rarely the answer itself (an actor type, a profile option): they weigh this much. */
  secondaryKinds: { actor: 0.4, 'actor-option': 0.4, acronym: 0.4 } as Record<string, number>,
  /** An entry whose title is exactly what the user asked about (« dialogue territorial ») weighs this much more. */
  exactTitleBoost: 2,
  /** An entry the question names (« modèle hybride », « Silver Geek ») weighs this much more. */
  entityBoost: 4,
  /** An overview (the 7 needs, the 9 models) weighs this much less when the question names a specific entry. */
  overviewPenalty: 0.5,
  /** When the question speaks of oneself (« pour moi »), entries about the user's type of actor weigh this much more. */
  actorBoost: 1.8,
  /** Words of the user's profile added to a question asked « pour moi » weigh this much in the search. */
  profileWeight: 0.5,
  /** Key figures within this score ratio of the best one are given together when none is clearly ahead (at most `max`). */
  closeFigures: { ratio: 1.5, max: 3 },
  /** A word used by more than this share of the entries is generic: alone it anchors nothing. */
  genericShare: 0.25,
  /** A one-word name (not an alias) identifies an entry only if at most this many entries use the word. */
  rareNameMaxEntries: 5,
  /** In the reranking coverage, a generic word counts this much of its IDF (it says little, but not nothing). */
  genericWeight: 0.3,
  /** Words of the context around a question (the sentences that do not ask, a self-presentation) count this much. */
  contextWeight: 0.5,
  /** Words of a self-presentation (« je suis chargée de mission RSE… ») count this much: who asks, rarely what. */
  selfWeight: 0.25,
  /** An entry that lacks the kind of information asked for (a number, a date…) weighs this much: a runner-up that holds it may answer. */
  lacksTypePenalty: 0.5,
  /** For a question that asks how to do something, entries that are methods, steps or tools (`search.json` howTo.kinds) weigh this much more. */
  howToBoost: 1.5,
  /**
   * A word of the examples that the entry itself never uses is added to the entry's phrasings only
   * when the examples of at most this many entries use it: « je me demandais », « ma direction me
   * demande » make « demande » a word of how people ask, not of what they ask about.
   */
  learntChatEntries: 2,
  /**
   * The nearest example of `phrasings.json` (cosine of IDF-weighted terms, `soft` words such as
   * « combien » and a synonym's match counting `alternative` of a word): from `rank` on, its entries
   * weigh `boost` times more; from `answer` on, and `margin` times nearer than any example for other
   * entries, they are the answer, unless the rules answer another entry confidently and the question
   * is not the example almost word for word (`same`). A declined example this near (`declined`)
   * makes the answer « je n'ai pas cette information ». Chosen by bench/calibrate-qa.ts --phrasings
   * (flat: 400 to 402 points of 479 over the grid).
   */
  vote: { rank: 0.35, boost: 2, answer: 0.6, margin: 1.2, same: 0.9, declined: 0.8, soft: 0.3, alternative: 0.5 },
};

/** One part of a message and how much its words count (the question 1, its context less). */
interface Part {
  text: string;
  weight: number;
  /** Context around the question: its words count `CONFIDENCE.contextShare` in the confidence rule. */
  context?: boolean;
}

/** What of the user's profile may guide an answer (only when the question speaks of oneself). */
export interface AskContext {
  actor?: string;
  options?: string[];
}

export interface Ranked {
  doc: KnowledgeDoc;
  score: number;
  /** The score without the boost of the nearest example of phrasings.json. */
  plain: number;
  /** The question's terms this entry matched. */
  matched: Set<string>;
  /** Those found in its title, names or phrasings (not only in its text). */
  inHeading: Set<string>;
}

/** What the index understood of a question: its terms, the entries it names, the ranking. */
export interface Reading {
  terms: QueryTerm[];
  /** Each name found in the question, with the entries it names (a name may name several). */
  spans: string[][];
  named: string[];
  ranked: Ranked[];
  evidence: Evidence;
  verdict: Verdict;
  /** The nearest example of `phrasings.json`, when one shares a word with the question. */
  vote?: ExampleVote;
  /** The question speaks of the asker (« pour nous ») and their profile is known: the profile shaped the ranking. */
  personal: boolean;
}

export type QaOutcome =
  | { status: 'answer'; doc: KnowledgeDoc; docs: KnowledgeDoc[]; alternatives: KnowledgeDoc[]; reading: Reading }
  | { status: 'missing' | 'unsure' | 'out-of-scope'; alternatives: KnowledgeDoc[]; reading: Reading }
  | { status: 'empty' };

interface Indexed {
  id: string;
  title: string;
  names: string;
  questions: string;
  /** The analysed terms of the examples of `phrasings.json` that this entry answers (already stems). */
  phrasings: string;
  text: string;
  extra: string;
}

/**
 * The content store as a French full-text index (MiniSearch: BM25, typo tolerance, prefixes), an
 * index of the names that identify entries, and the confidence rule (`confidence.ts`) that decides
 * between an answer and an honest « je ne suis pas sûr ».
 */
export class KnowledgeIndex {
  private readonly titles = new Map<string, string>();
  /** The stems of the how-to markers (« étapes », « conseils »): they never are the subject. */
  private readonly howToStems: Set<string>;

  private constructor(
    private readonly search: MiniSearch<Indexed>,
    private readonly docs: Map<string, KnowledgeDoc>,
    /** Near-duplicate id → the id of the entry that answers for its subject. */
    private readonly canonical: Map<string, string>,
    private readonly overviews: Set<string>,
    private readonly entities: EntityIndex,
    private readonly analyzer: TextAnalyzer,
    private readonly idf: (term: string) => number,
    /** Whether some entry uses this stem. */
    private readonly usedStem: (term: string) => boolean,
    private readonly generic: (term: string) => boolean,
    private readonly content: Content,
    private readonly thesaurus: Thesaurus,
    /** Each actor type's names as stems (label and the words users type for it), to read « je suis élue… ». */
    private readonly actorNames: Array<{ actor: string; terms: string[] }>,
    /** The examples of `phrasings.json`: how people asked for each entry. */
    private readonly examples: ExampleIndex,
  ) {
    this.howToStems = new Set([...content.search.howTo.markers.flatMap((m) => analyzer.nameTerms(m)), 'comment']);
  }

  static build(content: Content): KnowledgeIndex {
    const all = knowledgeDocs(content);
    const { search: words } = content;
    const canonical = new Map<string, string>();
    for (const group of words.sameSubject) for (const id of group.slice(1)) canonical.set(id, group[0]!);
    const byId = new Map(all.map((d) => [d.id, d]));
    const answering = all.filter((d) => !canonical.has(d.id)).map((d) => ({ ...d, names: [...d.names], extra: [...d.extra] }));
    const docs = new Map(answering.map((d) => [d.id, d]));
    // A near-duplicate's words find the entry that answers for it.
    for (const [id, target] of canonical) {
      const dup = byId.get(id);
      const into = docs.get(target);
      if (!dup || !into) continue;
      into.names.push(...dup.names, ...(dup.title === dup.id ? [] : [dup.title]));
      into.extra.push(dup.text, ...dup.extra);
      into.link ??= dup.link;
    }
    for (const [id, names] of Object.entries(words.aliases)) docs.get(canonical.get(id) ?? id)?.names.push(...names);
    for (const d of docs.values()) if (d.actors.length === 0) d.actors = actorsOfTitle(d, content);

    const speller = new Speller(
      [...docs.values()].flatMap((d) => foldedWords([d.title, ...d.names, ...d.questions, d.text, ...d.extra].join(' '))).concat(Object.keys(words.synonyms).map(fold)),
    );
    const analyzer = createAnalyzer(words, speller);
    // Document frequency of each stem: how rare, hence how telling, a word of a question is.
    const stemsOf = new Map([...docs.values()].map((d) => [d.id, new Set(tokenize([d.title, ...d.names, ...d.questions, d.text, ...d.extra].join(' ')).flatMap((t) => analyzer.term(t) ?? []))]));
    const df = new Map<string, number>();
    for (const stems of stemsOf.values()) for (const s of stems) df.set(s, (df.get(s) ?? 0) + 1);
    // The examples of phrasings.json, read as questions are (typos repaired against the content's words,
    // shorthand written out, greetings and who asks set aside): what they match is what a question would.
    const examples = phrasingExamples(content, analyzer, canonical, (term) => df.has(term)).filter((e) => e.entries.every((id) => docs.has(id)));
    const phrasingsOf = learntWords(examples, (id) => stemsOf.get(id)!, TUNING.learntChatEntries);
    // The words people use for an entry are words of that entry: they count in the rarity of words and are known to the confidence rule.
    for (const [id, words] of phrasingsOf) for (const s of words) if (!stemsOf.get(id)!.has(s)) df.set(s, (df.get(s) ?? 0) + 1);
    const search = new MiniSearch<Indexed>({
      fields: ['title', 'names', 'questions', 'phrasings', 'text', 'extra'],
      // The phrasings are stored already analysed: one stem a word.
      tokenize: (text, field) => (field === 'phrasings' ? text.split(/\s+/).filter(Boolean) : tokenize(text)),
      processTerm: (term, field) => (field === 'phrasings' ? term : (analyzer.term(term) ?? null)),
      searchOptions: {
        boost: TUNING.fields,
        // Typos are repaired before the search (Speller), with rules that keep everyday words apart;
        // the index's own edit distance would let « soigner » find « signés ».
        fuzzy: false,
        // No prefix search either: « organismes » (organ) is not « organisation ».
        prefix: false,
        combineWith: 'OR',
        // Less length normalisation than BM25's usual 0.75: a one-line entry (a profile option) would
        // otherwise outrank the key figure that answers, for sharing one word with the question.
        bm25: { k: 1.2, b: TUNING.lengthNormalisation, d: 0.5 },
        tokenize: (query) => query.split(' '),
      },
    });
    search.addAll(
      [...docs.values()].map((d) => ({
        id: d.id,
        title: d.title === d.id ? '' : d.title,
        names: d.names.join(' \n '),
        questions: d.questions.join(' \n '),
        phrasings: [...(phrasingsOf.get(d.id) ?? [])].join(' '),
        text: d.text,
        extra: d.extra.join(' \n '),
      })),
    );

    const n = docs.size;
    const listed = new Set(words.generic.flatMap((w) => analyzer.term(w) ?? []));
    const generic = (term: string) => listed.has(term) || (df.get(term) ?? 0) / n > TUNING.genericShare;
    const idf = (term: string) => Math.log((n + 1) / ((df.get(term) ?? 0) + 1));
    const entities = new EntityIndex(
      [...docs.values()].flatMap((d) => d.names.map((name) => ({ id: d.id, name, explicit: (words.aliases[d.id] ?? []).includes(name) }))),
      analyzer,
      generic,
      (term) => (df.get(term) ?? 0) > TUNING.rareNameMaxEntries,
    );
    const overviews = new Set(words.overviews.map((id) => canonical.get(id) ?? id));
    const actorNames = content.actors.flatMap((a) => [a.label, ...a.synonyms].map((name) => ({ actor: a.id, terms: analyzer.nameTerms(name) }))).filter((n) => n.terms.length > 0);
    const exampleIndex = new ExampleIndex(examples, idf, TUNING.vote);
    return new KnowledgeIndex(search, docs, canonical, overviews, entities, analyzer, idf, (term) => df.has(term), generic, content, new Thesaurus(words.thesaurus, analyzer), actorNames, exampleIndex);
  }

  /** An entry by id; a near-duplicate's id gives the entry that answers for its subject. */
  get(id: string): KnowledgeDoc | undefined {
    return this.docs.get(this.canonical.get(id) ?? id);
  }

  size(): number {
    return this.docs.size;
  }

  /** Every answering entry (near-duplicates merged into their subject's). */
  entries(): KnowledgeDoc[] {
    return [...this.docs.values()];
  }

  /**
   * The plain BM25 score of each entry for a text's words, as the index reads them (no reading of a
   * message, no reranking): how well an entry's words match a text, for tools that attach
   * phrasings to the entries that answer them (bench/collect-phrasings.ts).
   */
  scoreEntries(text: string): Map<string, number> {
    const terms = [...new Set(this.analyzer.queryTerms(text).map((t) => t.term))];
    if (terms.length === 0) return new Map();
    return new Map(this.search.search(terms.join(' '), { processTerm: (t) => t }).map((r) => [String(r.id), r.score]));
  }

  /** Whether the question contains one of these phrases (accents and case folded). */
  says(question: string, phrases: string[]): boolean {
    return this.analyzer.hasPhrase(question, phrases);
  }

  /**
   * The answer to a question, or why there is none. A question that names two entries to compare
   * (« différence entre A et B »), or asks two things (« A ? et B ? »), gets both entries.
   */
  ask(question: string, context: AskContext = {}): QaOutcome {
    const { search } = this.content;
    const focus = this.focus(question);
    // « je suis élue à la vie associative… »: without a profile, what the asker says of themselves stands for it.
    const ctx = context.actor !== undefined ? context : { ...context, actor: this.actorOf(focus.self) };
    // « C'est quoi exactement et ça vient d'où ? »: a question without a subject of its own asks about its context.
    const subjectless = focus.context !== '' && this.isSubjectless(focus.question);
    const parts: Part[] = [
      { text: focus.question, weight: 1 },
      // It then ranks by its context's words as by its own; the confidence rule still weighs them as context.
      { text: focus.context, weight: subjectless ? 1 : TUNING.contextWeight, context: true },
      { text: focus.self, weight: TUNING.selfWeight, context: true },
    ].filter((p) => p.text !== '');
    const whole = this.read(parts, ctx);
    if (!whole) return { status: 'empty' };
    // « écris-moi un mail », « traduis… »: the companion tells what the documents say, it does not do things.
    if (asksForTask(focus.question, search.tasks) || asksForTask(question, search.tasks)) return { status: 'out-of-scope', alternatives: [], reading: whole };
    if (this.declinedByExample(whole)) return { status: 'missing', alternatives: this.alternatives(whole, []), reading: whole };
    const both = this.compose(focus.question, whole, ctx);
    if (both) return { status: 'answer', doc: both[0]!, docs: both, alternatives: this.alternatives(whole, both), reading: whole };
    const voted = this.votedAnswer(focus.question, whole);
    if (voted) return { status: 'answer', doc: voted[0]!, docs: voted, alternatives: this.alternatives(whole, voted), reading: whole };
    const best = whole.ranked[0];
    if (whole.verdict === 'answer' && best) {
      return { status: 'answer', doc: best.doc, docs: [best.doc], alternatives: this.alternatives(whole, [best.doc]), reading: whole };
    }
    // The question alone, when the context around it blurs it.
    const alone = parts.length > 1 && whole.verdict === 'unsure' ? this.read([{ text: focus.question, weight: 1 }], ctx) : undefined;
    if (alone?.verdict === 'answer') return { status: 'answer', doc: alone.ranked[0]!.doc, docs: [alone.ranked[0]!.doc], alternatives: this.alternatives(whole, [alone.ranked[0]!.doc]), reading: whole };
    const forMe = this.toolsForMe(question, ctx);
    if (forMe.length > 0) return { status: 'answer', doc: forMe[0]!, docs: forMe, alternatives: this.alternatives(whole, forMe), reading: whole };
    const figures = this.closeFigures(focus.question, whole);
    if (figures.length > 0) return { status: 'answer', doc: figures[0]!, docs: figures, alternatives: this.alternatives(whole, figures), reading: whole };
    // A weak match (a stray common word) is no topic worth offering: the question is out of scope.
    const near = whole.verdict === 'out-of-scope' ? [] : whole.ranked.slice(0, 3).map((r) => r.doc);
    return { status: whole.verdict === 'answer' ? 'unsure' : whole.verdict, alternatives: near, reading: whole };
  }

  /** The clause(s) of a message that ask, without the greetings and the context around them. */
  questionOf(message: string): string {
    return this.focus(message).question;
  }

  /** The message read as its question, the context around it and what the asker says of themselves. */
  private focus(question: string): Focus {
    const { search } = this.content;
    const starts = paddedPhrases(search.questionStarts);
    return focusMessage(question, search.messageParts, (clause) => starts.some((s) => ` ${clause} `.startsWith(s)));
  }

  /** A clause that names nothing and has at most one word of its own (« ça rentre où ? », « c'est quoi exactement ? »). */
  private isSubjectless(clause: string): boolean {
    const { own, spans } = this.partTerms([{ text: clause, weight: 1 }]);
    return spans.length === 0 && own.filter((t) => !t.soft && !this.generic(t.term)).length <= 1;
  }

  /** The actor type a self-presentation names (« je suis élue » → collectivité), when it names one only. */
  private actorOf(self: string): string | undefined {
    if (self === '') return undefined;
    const terms = this.analyzer.queryTerms(self).map((t) => t.term);
    const found = this.actorNames.filter((n) => terms.some((_, i) => n.terms.every((t, k) => terms[i + k] === t)));
    const longest = Math.max(0, ...found.map((n) => n.terms.length));
    const actors = new Set(found.filter((n) => n.terms.length === longest).map((n) => n.actor));
    return actors.size === 1 ? [...actors][0] : undefined;
  }

  /**
   * A figure asked for (« combien », « quelle proportion ») that several key figures match about
   * equally: they are given together (each is one sentence), rather than « pas sûr ».
   */
  private closeFigures(question: string, reading: Reading): KnowledgeDoc[] {
    const best = reading.ranked[0];
    if (!best || reading.verdict !== 'unsure' || !this.analyzer.intents(question).includes('figure')) return [];
    const close = reading.ranked.filter((r) => r.doc.kind === 'figure' && r.score * TUNING.closeFigures.ratio >= best.score).slice(0, TUNING.closeFigures.max);
    return close.length > 0 && coverageOf(reading.evidence) >= CONFIDENCE.coverage ? close.map((r) => r.doc) : [];
  }

  /**
   * « Quels outils pour moi ? » with no more said: the catalogue's tools meant for the user's type of
   * actor (at most 3), the way the diagnosis recommends them.
   */
  private toolsForMe(question: string, context: AskContext): KnowledgeDoc[] {
    if (!context.actor || !this.says(question, this.content.search.aboutMe) || !this.analyzer.intents(question).includes('tool')) return [];
    return [...this.docs.values()].filter((d) => d.kind === 'tool' && d.actors.includes(context.actor!)).slice(0, 3);
  }

  /**
   * The entries of the nearest example of `phrasings.json` when it is near (`TUNING.vote.answer`)
   * and clearly nearer than any example for other entries: people asked this way for them. Not when
   * the question asks for what the documents never give, or a kind of information those entries lack.
   */
  private votedAnswer(question: string, reading: Reading): KnowledgeDoc[] | undefined {
    const { vote, evidence } = reading;
    if (!vote || vote.example.entries.length === 0 || vote.similarity < TUNING.vote.answer || vote.similarity < TUNING.vote.margin * vote.rival) return undefined;
    if (evidence.asksUnavailable || reading.verdict === 'out-of-scope' || reading.verdict === 'missing') return undefined;
    // The examples were asked without a profile: « quel autodiagnostic pour nous ? » is answered for whoever « nous » is.
    if (reading.personal) return undefined;
    // The rules' own confident answer stands, unless the question is the example's almost word for word.
    const best = reading.ranked[0]?.doc.id;
    if (reading.verdict === 'answer' && best !== undefined && !vote.example.entries.includes(best) && vote.similarity < TUNING.vote.same) return undefined;
    const docs = vote.example.entries.map((id) => this.docs.get(id)!);
    const lacks = this.answerTypeCheck(question);
    return docs.some(lacks) ? undefined : docs;
  }

  /** Whether the question is asked almost as one the documents cannot answer (`phrasings.json` › declined), and nearer to it than to any answered example. */
  private declinedByExample(reading: Reading): boolean {
    const { vote } = reading;
    return vote !== undefined && vote.example.entries.length === 0 && vote.similarity >= TUNING.vote.declined && vote.similarity >= TUNING.vote.margin * vote.rival;
  }

  /** Up to 3 runners-up to offer under an answer. */
  private alternatives(reading: Reading, shown: KnowledgeDoc[]): KnowledgeDoc[] {
    return reading.ranked
      .map((r) => r.doc)
      .filter((d) => !shown.includes(d))
      .slice(0, 3);
  }

  /**
   * Two entries for one question: two named entries with « différence », « vs », « et »… between
   * them; or two halves (« …? et … », « … et aussi … ») each confidently answered by its own entry
   * when no single entry answers both.
   */
  private compose(question: string, whole: Reading, context: AskContext): KnowledgeDoc[] | undefined {
    const { search } = this.content;
    const distinct = this.distinctNamed(whole);
    if (distinct.length >= 2 && (this.says(question, search.comparison) || /\bet\b|\bou\b|,|\//.test(fold(question)))) {
      return distinct.slice(0, 3);
    }
    const halves = splitQuestion(question);
    if (!halves) return undefined;
    const parts = halves.map((h) => this.read([{ text: h, weight: 1 }], context));
    if (parts.some((p) => !p || p.verdict !== 'answer')) return undefined;
    const [first, second] = parts.map((p) => p!.ranked[0]!);
    if (first!.doc === second!.doc) return undefined;
    // One entry that answers one half and covers the other answers the question: no need for two.
    const best = whole.ranked[0];
    const answersAHalf = best !== undefined && (best.doc === first!.doc || best.doc === second!.doc);
    if (best && whole.verdict === 'answer' && answersAHalf && parts.every((p) => this.coverage(p!.terms, best.matched) >= 0.6)) return undefined;
    return [first!.doc, second!.doc];
  }

  /**
   * SMS shorthand written out with the same table as the answers to the dialogs' questions
   * (`ui.json` › understanding.shorthand: « ds » → dans, « pr » → pour, « qd » → quand).
   */
  private expandShorthand(question: string): string {
    return expandShorthand(question, this.content.ui.understanding.shorthand);
  }

  /** How the profile names the user: the labels of their profile options (« PME »), else of their actor type. */
  private profileWords(context: AskContext): string {
    const actor = this.content.actors.find((a) => a.id === context.actor);
    if (!actor) return '';
    const options = actor.dimensions.flatMap((d) => d.options).filter((o) => context.options?.includes(o.id));
    return options.length > 0 ? options.map((o) => o.label).join(' ') : actor.label;
  }

  /**
   * The entries named by the question's names when they are different subjects: for each name,
   * its best-ranked entry; none when one entry answers to every name (« intérêt général » and
   * « utilité sociale » both name the entry that compares them).
   */
  private distinctNamed(reading: Reading): KnowledgeDoc[] {
    const { spans } = reading;
    if (spans.length < 2) return [];
    const rank = (id: string) => {
      const i = reading.ranked.findIndex((r) => r.doc.id === id);
      return i < 0 ? Infinity : i;
    };
    if (reading.named.some((id) => spans.every((ids) => ids.includes(id)))) return [];
    const picked = spans.map((ids) => [...ids].sort((a, b) => rank(a) - rank(b))[0]!);
    return [...new Set(picked)].map((id) => this.docs.get(id)!);
  }

  /** The meaningful terms of each part of a message, each with the weight of its part (a word in several parts keeps the highest). */
  private partTerms(parts: Part[]): { own: QueryTerm[]; spans: string[][]; contextSpans: string[][] } {
    const own: QueryTerm[] = [];
    const spans: string[][] = [];
    const contextSpans: string[][] = [];
    for (const part of parts) {
      const terms = this.thesaurus.expand(
        this.analyzer
          .queryTerms(this.expandShorthand(part.text))
          // « semaines », « travaillons »: chat in another form than the stop word's, unless the content uses it.
          // « les 12 » joined as les12: a name with its number only when the content has that name (« ODD 17 »).
          .filter((t) => (!this.analyzer.isStopStem(t.term) || this.usedStem(t.term)) && (!t.joined || this.usedStem(t.term)))
          .map((t) => (t.known || !this.usedStem(t.term) ? t : { ...t, known: true })),
      );
      // « on s'y prend comment », « quelles étapes »: they say what kind of answer is wanted, not its subject.
      const howTo = new Set((howToWords(part.text, this.content.search.howTo.markers) ?? []).flatMap((w) => this.analyzer.term(w) ?? []));
      (part.context ? contextSpans : spans).push(...this.entities.find(terms).map((e) => e.ids));
      for (const t of terms) {
        const seen = own.find((o) => o.term === t.term);
        if (seen) {
          seen.weight = Math.max(seen.weight ?? 1, part.weight);
          if (!part.context) delete seen.context;
        } else own.push({ ...t, soft: t.soft || howTo.has(t.term), weight: part.weight, ...(part.context ? { context: true } : {}) });
      }
    }
    return { own, spans, contextSpans };
  }

  /** Ranks the entries for a message (its parts weighted) and weighs the evidence for the best one. */
  private read(parts: Part[], context: AskContext): Reading | undefined {
    const asked = parts[0]?.text ?? '';
    const all = parts.map((p) => p.text).join(' ');
    // « pour une boîte comme la nôtre », « quel autodiagnostic pour nous ? »: the profile says who « we » are.
    const aboutMe = context.actor !== undefined && this.says(all, this.content.search.aboutMe);
    const { own, spans, contextSpans } = this.partTerms(parts);
    if (own.length === 0) return undefined;
    // The profile's words help rank and anchor, but name nothing and weigh less than the user's own.
    const profile = aboutMe
      ? this.analyzer
          .queryTerms(this.profileWords(context))
          .filter((p) => !own.some((t) => t.term === p.term))
          .map((t) => ({ ...t, weight: TUNING.profileWeight }))
      : [];
    const terms = [...own, ...profile];
    const named = [...new Set([...spans, ...contextSpans].flat())];
    // One specific entry named: overviews step back. Several: an overview holding them all may be the answer.
    const namedSpecific = spans.length === 1 && named.some((id) => !this.overviews.has(id));
    const options = new Set(context.options ?? []);
    const howTo = howToWords(asked, this.content.search.howTo.markers) !== undefined;
    const howToKinds = new Set(this.content.search.howTo.kinds);

    const weightOf = new Map<string, number>();
    for (const t of terms) weightOf.set(t.term, Math.max(weightOf.get(t.term) ?? 0, t.weight ?? 1));
    const own_ = new Set(terms.map((t) => t.term));
    for (const t of terms) for (const a of t.alternatives) if (!own_.has(a)) weightOf.set(a, Math.max(weightOf.get(a) ?? 0, TUNING.synonymWeight * (t.weight ?? 1)));
    const wanted = new Set(this.analyzer.intents(all));
    // People who asked this way wanted these entries (phrasings.json): they weigh more when the nearest
    // example is near enough; not when the profile answers « pour nous » (the examples have no profile).
    const vote = this.examples.nearest(own);
    const voted = vote && !aboutMe && vote.similarity >= TUNING.vote.rank ? new Set(vote.example.entries) : undefined;
    const results = this.search.search([...weightOf.keys()].join(' '), {
      // Terms are already analysed: do not analyse them a second time.
      processTerm: (t) => t,
      // A synonym helps find the entry but counts less than the user's own word; the context less than the question.
      boostTerm: (term) => weightOf.get(term) ?? TUNING.synonymWeight,
      boostDocument: (id) => {
        const d = this.docs.get(String(id))!;
        let boost = (wanted.has(d.kind) ? TUNING.intentBoost : 1) * (TUNING.secondaryKinds[d.kind] ?? 1);
        if (howTo && howToKinds.has(d.kind)) boost *= TUNING.howToBoost;
        if (named.includes(d.id)) boost *= TUNING.entityBoost;
        else if (namedSpecific && this.overviews.has(d.id)) boost *= TUNING.overviewPenalty;
        if (aboutMe && (d.actors.includes(context.actor!) || options.has(d.id.replace(/^actor-option:/, '')))) boost *= TUNING.actorBoost;
        if (voted?.has(d.id)) boost *= TUNING.vote.boost;
        return boost;
      },
    });
    const titleAsked = [...new Set(terms.map((t) => t.term))].sort().join(' ');
    const lacks = this.answerTypeCheck(asked);
    const ranked = results
      .slice(0, 12)
      .map((r) => {
        // A word found in what people asked for this entry (phrasings.json) counts as one of its headings, like an FAQ phrasing.
        const matched = new Set(r.queryTerms);
        const inHeading = new Set(Object.entries(r.match as Record<string, string[]>).flatMap(([t, fields]) => (fields.some((f) => f !== 'text' && f !== 'extra') ? [t] : [])));
        const doc = this.docs.get(r.id)!;
        const exact = this.titleTerms(r.id) === titleAsked ? TUNING.exactTitleBoost : 1;
        // « combien de bénévoles ? »: an entry that gives no number steps back for one that does.
        const typed = lacks(doc) ? TUNING.lacksTypePenalty : 1;
        const score = r.score * exact * typed * this.rankCoverage(terms, matched) ** TUNING.coveragePower;
        return { doc, score, plain: voted?.has(doc.id) ? score / TUNING.vote.boost : score, matched, inHeading };
      })
      .sort((a, b) => b.score - a.score);
    const evidence = this.evidence(terms, spans, contextSpans, ranked, this.unavailableTerms(asked), ranked[0] !== undefined && lacks(ranked[0].doc));
    return { terms, spans, named, ranked, evidence, verdict: ranked.length === 0 ? 'out-of-scope' : verdict(evidence), personal: aboutMe, ...(vote ? { vote } : {}) };
  }

  /**
   * Whether the question asks for a kind of information (a number, a date, a name, contact details,
   * an amount, a link) that the entry's answer does not hold: « quel est le budget du Fonds ODD 17 ? »
   * answered with the Fonds' description would answer beside the question.
   */
  private answerTypeCheck(question: string): (doc: KnowledgeDoc) => boolean {
    const asked = askedFor(question, this.content.search.answerTypes);
    // « signés en 2024 », « la loi de 2025 »: an entry that never names the year speaks of another time.
    const years = yearsIn(question);
    if (asked.types.length === 0 && years.length === 0) return () => false;
    // « combien ça coûte » asks for an amount, not any number; « l'adresse du site » for a link, not a street.
    const types = asked.types.filter((t) => !(t === 'number' && asked.types.includes('amount')) && !(t === 'contact' && asked.types.includes('link')));
    // The counted word read as the question's words are: « asociation » repaired, « ETI » also found as
    // « entreprises (de taille intermédiaire) » through its synonyms.
    const read = asked.counted ? this.analyzer.queryTerms(asked.counted)[0] : undefined;
    const stems = read ? [read.term, ...read.alternatives] : [];
    // A word of the answer is the counted one when it starts with its stem (« associations » for associ): no stemming per word.
    const counted = stems.length > 0 ? { matches: (w: string) => stems.some((stem) => fold(w).startsWith(stem)) } : undefined;
    return (doc) => {
      const text = [doc.text, ...Object.values(doc.detail).flatMap((v) => (typeof v === 'string' || typeof v === 'number' ? [String(v)] : [])), doc.link ?? ''].join(' \n ');
      return types.some((t: AnswerType) => !holdsAnswer(t, text, counted)) || (years.length > 0 && !years.some((y) => text.includes(y)));
    };
  }

  /** The phrases of the question that ask for what the documents never give (`search.json` unavailable), as terms. */
  private unavailableTerms(question: string): string[][] {
    const { unavailable } = this.content.search;
    return this.says(question, unavailable) ? unavailable.filter((w) => this.says(question, [w])).map((w) => this.analyzer.nameTerms(w)) : [];
  }

  private evidence(terms: QueryTerm[], spans: string[][], contextSpans: string[][], ranked: Ranked[], unavailable: string[][], lacksAskedType: boolean): Evidence {
    const best = ranked[0];
    // « quelles étapes pour faire l'autodiagnostic ? »: when every word says what kind of answer is
    // wanted, the words of a kind of entry (« autodiagnostic ») are the subject.
    const counted = terms.some((t) => !t.soft) ? terms.filter((t) => !t.soft) : terms.filter((t) => !this.howToStems.has(t.term));
    const specific = counted.filter((t) => !this.generic(t.term));
    const matches = (t: QueryTerm) => best !== undefined && (best.matched.has(t.term) || t.alternatives.some((a) => best.matched.has(a)));
    const weight = (list: QueryTerm[]) => list.reduce((sum, t) => sum + this.idf(t.term) * (t.context ? CONFIDENCE.contextShare : 1), 0);
    // Named: every name in the question names the best entry (a name may name several entries).
    // A name in the context counts when the question itself names nothing else (« J'ai entendu parler de
    // « catalyseur territorial ». Est-ce que la mairie peut jouer ce rôle ? »).
    const isNamed =
      best !== undefined && (spans.length > 0 ? spans.every((ids) => ids.includes(best.doc.id)) : contextSpans.some((ids) => ids.includes(best.doc.id)));
    // A question of generic words only (« combien d'associations ? ») is anchored when the best entry
    // matches all of them and the question says what kind of answer it wants.
    const allGenericMatched = specific.length === 0 && counted.some((t) => t.known) && counted.every((t) => matches(t) || !t.known) && terms.some((t) => t.soft);
    const pool = specific.length > 0 ? specific : counted;
    const missed = pool.filter((t) => !matches(t));
    return {
      matched: weight(pool.filter(matches)),
      matchedWords: pool.filter(matches).length,
      // « quel temps fait-il à Lyon ? » matches « Université Catholique de Lyon » deep in a text: one word there is weak evidence.
      inHeading: best !== undefined && pool.some((t) => matches(t) && (best.inHeading.has(t.term) || t.alternatives.some((a) => best.inHeading.has(a)))),
      knownMissed: weight(missed.filter((t) => t.known)),
      unknownMissed: weight(missed.filter((t) => !t.known)),
      anchored: isNamed || specific.some(matches) || allGenericMatched,
      named: isNamed,
      long: terms.some((t) => t.context),
      words: terms.filter((t) => !t.joined).length,
      // Without the examples' boost: how clearly the entry's own words put it ahead (the examples have their own rule, votedAnswer).
      margin: best ? best.plain / Math.max(...ranked.slice(1).map((r) => r.plain), best.plain / 10) : 0,
      // Rarity: the word's IDF over that of a word no entry uses.
      // Only the question's own words: a rare word of the context (« licenciés », « métallurgie ») says who asks, not what.
      leftoverRarity: Math.max(0, ...specific.filter((t) => t.known && !t.context && !matches(t)).map((t) => this.idf(t.term) / Math.log(this.docs.size + 1))),
      // Unless the best entry holds those words (« le budget des associations » is a key figure).
      asksUnavailable: best !== undefined && (lacksAskedType || unavailable.some((phrase) => !phrase.some((t) => best.matched.has(t)))),
    };
  }

  /** IDF-weighted share of the question's terms an entry matches, generic and soft words counting a little: the reranking factor. */
  private rankCoverage(terms: QueryTerm[], matched: Set<string>): number {
    const weight = (list: QueryTerm[]) =>
      list.reduce((sum, t) => sum + this.idf(t.term) * (t.weight ?? 1) * (this.generic(t.term) || t.soft ? TUNING.genericWeight : 1) * (t.known ? 1 : CONFIDENCE.unknownWeight), 0);
    const counted = terms;
    const total = weight(counted);
    return total === 0 ? 1 : weight(counted.filter((t) => matched.has(t.term) || t.alternatives.some((a) => matched.has(a)))) / total;
  }

  /** IDF-weighted share of the specific terms matched (all terms when none is specific). */
  private coverage(terms: QueryTerm[], matched: Set<string>): number {
    const counted = terms.filter((t) => !t.soft);
    const specific = counted.filter((t) => !this.generic(t.term));
    const pool = specific.length > 0 ? specific : counted;
    const weight = (list: QueryTerm[]) => list.reduce((sum, t) => sum + this.idf(t.term) * (t.context ? CONFIDENCE.contextShare : 1) * (t.known ? 1 : CONFIDENCE.unknownWeight), 0);
    const total = weight(pool);
    if (total === 0) return 0;
    return weight(pool.filter((t) => matched.has(t.term) || t.alternatives.some((a) => matched.has(a)))) / total;
  }

  /** The analysed terms of an entry's title, sorted, as one string (cached). */
  private titleTerms(id: string): string {
    let terms = this.titles.get(id);
    if (terms === undefined) {
      const doc = this.docs.get(id);
      terms = doc && doc.title !== doc.id ? [...new Set(this.analyzer.queryTerms(doc.title).map((t) => t.term))].sort().join(' ') : '';
      this.titles.set(id, terms);
    }
    return terms;
  }
}

/** The actor type an FAQ entry is about, when its title names exactly one (« Les bénéfices pour une entreprise »). */
function actorsOfTitle(doc: KnowledgeDoc, content: Content): string[] {
  if (doc.kind !== 'faq' && doc.kind !== 'glossaire') return [];
  const title = ` ${fold(doc.title)} `;
  const found = content.actors.filter((a) => title.includes(` ${fold(a.label)}`));
  return found.length === 1 ? [found[0]!.id] : [];
}
