import MiniSearch from 'minisearch';
import type { Content } from '../content/load-content.js';
import { fold } from '../text/fold.js';
import { createAnalyzer, foldedWords, tokenize, type QueryTerm, type TextAnalyzer } from './analyse-text.js';
import { CONFIDENCE, coverage as coverageOf, verdict, type Evidence, type Verdict } from './confidence.js';
import { EntityIndex } from './entity-index.js';
import { knowledgeDocs, type KnowledgeDoc } from './knowledge-docs.js';
import { splitQuestion } from './split-question.js';
import { Speller } from './spelling.js';

/** Weights of the ranking, calibrated on the tune split of `test/eval/qa-questions.json` (npm run eval:qa). */
export const TUNING = {
  fields: { title: 3, names: 3, questions: 1.5, text: 1, extra: 0.5 },
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
  secondaryKinds: { actor: 0.4, 'actor-option': 0.4 } as Record<string, number>,
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
};

/** What of the user's profile may guide an answer (only when the question speaks of oneself). */
export interface AskContext {
  actor?: string;
  options?: string[];
}

export interface Ranked {
  doc: KnowledgeDoc;
  score: number;
  /** The question's terms this entry matched. */
  matched: Set<string>;
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
  ) {}

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
    const search = new MiniSearch<Indexed>({
      fields: ['title', 'names', 'questions', 'text', 'extra'],
      tokenize,
      processTerm: (term) => analyzer.term(term) ?? null,
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
        text: d.text,
        extra: d.extra.join(' \n '),
      })),
    );

    // Document frequency of each stem: how rare, hence how telling, a word of a question is.
    const df = new Map<string, number>();
    for (const d of docs.values()) {
      const stems = new Set(tokenize([d.title, ...d.names, ...d.questions, d.text, ...d.extra].join(' ')).flatMap((t) => analyzer.term(t) ?? []));
      for (const s of stems) df.set(s, (df.get(s) ?? 0) + 1);
    }
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
    return new KnowledgeIndex(search, docs, canonical, overviews, entities, analyzer, idf, (term) => df.has(term), generic, content);
  }

  /** An entry by id; a near-duplicate's id gives the entry that answers for its subject. */
  get(id: string): KnowledgeDoc | undefined {
    return this.docs.get(this.canonical.get(id) ?? id);
  }

  size(): number {
    return this.docs.size;
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
    const whole = this.read(question, context);
    if (!whole) return { status: 'empty' };
    const both = this.compose(question, whole, context);
    if (both) return { status: 'answer', doc: both[0]!, docs: both, alternatives: this.alternatives(whole, both), reading: whole };
    const best = whole.ranked[0];
    if (whole.verdict === 'answer' && best) {
      return { status: 'answer', doc: best.doc, docs: [best.doc], alternatives: this.alternatives(whole, [best.doc]), reading: whole };
    }
    const focused = whole.verdict === 'unsure' ? this.questionSentence(question, context) : undefined;
    if (focused) return { status: 'answer', doc: focused.doc, docs: [focused.doc], alternatives: this.alternatives(whole, [focused.doc]), reading: whole };
    const forMe = this.toolsForMe(question, context);
    if (forMe.length > 0) return { status: 'answer', doc: forMe[0]!, docs: forMe, alternatives: this.alternatives(whole, forMe), reading: whole };
    const figures = this.closeFigures(question, whole);
    if (figures.length > 0) return { status: 'answer', doc: figures[0]!, docs: figures, alternatives: this.alternatives(whole, figures), reading: whole };
    // A weak match (a stray common word) is no topic worth offering: the question is out of scope.
    const near = whole.verdict === 'out-of-scope' ? [] : whole.ranked.slice(0, 3).map((r) => r.doc);
    return { status: whole.verdict === 'answer' ? 'unsure' : whole.verdict, alternatives: near, reading: whole };
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
   * A long message (« Bonjour, je suis… On fait surtout… Ça correspond à quel modèle ? »): its last
   * question, alone or with the sentence before it, may be answered confidently where the whole
   * message, diluted by its context, is not.
   */
  private questionSentence(question: string, context: AskContext): Ranked | undefined {
    const sentences = question.split(/(?<=[.!?…])\s+|\n+/).map((s) => s.trim()).filter(Boolean);
    if (sentences.length < 2) return undefined;
    const last = sentences.length - 1;
    for (const candidate of [sentences[last]!, `${sentences[last - 1]} ${sentences[last]}`]) {
      const reading = this.read(candidate, context);
      if (reading?.verdict === 'answer') return reading.ranked[0];
    }
    return undefined;
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
    const parts = halves.map((h) => this.read(h, context));
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
    const table = this.content.ui.understanding.shorthand;
    return foldedWords(question)
      .map((w) => table[w] ?? w)
      .join(' ');
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

  /** Ranks the entries for a question and weighs the evidence for the best one. */
  private read(question: string, context: AskContext): Reading | undefined {
    // « pour une boîte comme la nôtre », « quel autodiagnostic pour nous ? »: the profile says who « we » are.
    const aboutMe = context.actor !== undefined && this.says(question, this.content.search.aboutMe);
    const own = this.analyzer
      .queryTerms(this.expandShorthand(question))
      // « semaines », « travaillons »: chat in another form than the stop word's, unless the content uses it.
      .filter((t) => !this.analyzer.isStopStem(t.term) || this.usedStem(t.term))
      .map((t) => (t.known || !this.usedStem(t.term) ? t : { ...t, known: true }));
    if (own.length === 0) return undefined;
    // The profile's words help rank and anchor, but name nothing and weigh less than the user's own.
    const profile = aboutMe ? this.analyzer.queryTerms(this.profileWords(context)).filter((p) => !own.some((t) => t.term === p.term)) : [];
    const terms = [...own, ...profile];
    const fromProfile = new Set(profile.map((t) => t.term));
    const asked = question;
    const spans = this.entities.find(own).map((e) => e.ids);
    const named = [...new Set(spans.flat())];
    // One specific entry named: overviews step back. Several: an overview holding them all may be the answer.
    const namedSpecific = spans.length === 1 && named.some((id) => !this.overviews.has(id));
    const options = new Set(context.options ?? []);

    const originals = new Set(terms.map((t) => t.term));
    const alternatives = new Set(terms.flatMap((t) => t.alternatives).filter((a) => !originals.has(a)));
    const wanted = new Set(this.analyzer.intents(asked));
    const results = this.search.search([...originals, ...alternatives].join(' '), {
      // Terms are already analysed: do not analyse them a second time.
      processTerm: (t) => t,
      // A synonym helps find the entry but counts less than the user's own word.
      boostTerm: (term) => (fromProfile.has(term) ? TUNING.profileWeight : originals.has(term) ? 1 : TUNING.synonymWeight),
      boostDocument: (id) => {
        const d = this.docs.get(String(id))!;
        let boost = (wanted.has(d.kind) ? TUNING.intentBoost : 1) * (TUNING.secondaryKinds[d.kind] ?? 1);
        if (named.includes(d.id)) boost *= TUNING.entityBoost;
        else if (namedSpecific && this.overviews.has(d.id)) boost *= TUNING.overviewPenalty;
        if (aboutMe && (d.actors.includes(context.actor!) || options.has(d.id.replace(/^actor-option:/, '')))) boost *= TUNING.actorBoost;
        return boost;
      },
    });
    const titleAsked = [...originals].sort().join(' ');
    const ranked = results
      .slice(0, 12)
      .map((r) => {
        const matched = new Set(r.queryTerms);
        const exact = this.titleTerms(r.id) === titleAsked ? TUNING.exactTitleBoost : 1;
        return { doc: this.docs.get(r.id)!, score: r.score * exact * this.rankCoverage(terms, matched) ** TUNING.coveragePower, matched };
      })
      .sort((a, b) => b.score - a.score);
    const evidence = this.evidence(terms, spans, ranked, this.unavailableTerms(question));
    return { terms, spans, named, ranked, evidence, verdict: ranked.length === 0 ? 'out-of-scope' : verdict(evidence) };
  }

  /** The phrases of the question that ask for what the documents never give (`search.json` unavailable), as terms. */
  private unavailableTerms(question: string): string[][] {
    const { unavailable } = this.content.search;
    return this.says(question, unavailable) ? unavailable.filter((w) => this.says(question, [w])).map((w) => this.analyzer.nameTerms(w)) : [];
  }

  private evidence(terms: QueryTerm[], spans: string[][], ranked: Ranked[], unavailable: string[][]): Evidence {
    const best = ranked[0];
    const counted = terms.filter((t) => !t.soft);
    const specific = counted.filter((t) => !this.generic(t.term));
    const matches = (t: QueryTerm) => best !== undefined && (best.matched.has(t.term) || t.alternatives.some((a) => best.matched.has(a)));
    const weight = (list: QueryTerm[]) => list.reduce((sum, t) => sum + this.idf(t.term), 0);
    // Named: every name in the question names the best entry (a name may name several entries).
    const isNamed = best !== undefined && spans.length > 0 && spans.every((ids) => ids.includes(best.doc.id));
    // A question of generic words only (« combien d'associations ? ») is anchored when the best entry
    // matches all of them and the question says what kind of answer it wants.
    const allGenericMatched = specific.length === 0 && counted.some((t) => t.known) && counted.every((t) => matches(t) || !t.known) && terms.some((t) => t.soft);
    const pool = specific.length > 0 ? specific : counted;
    const missed = pool.filter((t) => !matches(t));
    return {
      matched: weight(pool.filter(matches)),
      matchedWords: pool.filter(matches).length,
      knownMissed: weight(missed.filter((t) => t.known)),
      unknownMissed: weight(missed.filter((t) => !t.known)),
      anchored: isNamed || specific.some(matches) || allGenericMatched,
      named: isNamed,
      margin: best ? best.score / (ranked[1]?.score ?? best.score / 10) : 0,
      // Rarity: the word's IDF over that of a word no entry uses.
      leftoverRarity: Math.max(0, ...specific.filter((t) => t.known && !matches(t)).map((t) => this.idf(t.term) / Math.log(this.docs.size + 1))),
      // Unless the best entry holds those words (« le budget des associations » is a key figure).
      asksUnavailable: best !== undefined && unavailable.some((phrase) => !phrase.some((t) => best.matched.has(t))),
    };
  }

  /** IDF-weighted share of the question's terms an entry matches, generic and soft words counting a little: the reranking factor. */
  private rankCoverage(terms: QueryTerm[], matched: Set<string>): number {
    const weight = (list: QueryTerm[]) =>
      list.reduce((sum, t) => sum + this.idf(t.term) * (this.generic(t.term) || t.soft ? TUNING.genericWeight : 1) * (t.known ? 1 : CONFIDENCE.unknownWeight), 0);
    const counted = terms;
    const total = weight(counted);
    return total === 0 ? 1 : weight(counted.filter((t) => matched.has(t.term) || t.alternatives.some((a) => matched.has(a)))) / total;
  }

  /** IDF-weighted share of the specific terms matched (all terms when none is specific). */
  private coverage(terms: QueryTerm[], matched: Set<string>): number {
    const counted = terms.filter((t) => !t.soft);
    const specific = counted.filter((t) => !this.generic(t.term));
    const pool = specific.length > 0 ? specific : counted;
    const weight = (list: QueryTerm[]) => list.reduce((sum, t) => sum + this.idf(t.term) * (t.known ? 1 : CONFIDENCE.unknownWeight), 0);
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
