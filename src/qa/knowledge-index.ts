import MiniSearch from 'minisearch';
import type { Content } from '../content/load-content.js';
import { createAnalyzer, tokenize, type TextAnalyzer } from './analyse-text.js';
import { knowledgeDocs, type KnowledgeDoc } from './knowledge-docs.js';

/** Weights of the ranking, tuned on `test/qa-set.json` (npm run eval:qa). */
export const TUNING = {
  fields: { title: 3, questions: 1.5, text: 1, extra: 0.3 },
  /** Entries of the kind a question asks for (« combien » → figures) weigh this much more. */
  intentBoost: 3,
  synonymWeight: 0.5,
  /** An entry whose title is exactly what the user asked about (« dialogue territorial ») weighs this much more. */
  exactTitleBoost: 2,
};

/** Thresholds of confidence, tuned on the question set of `test/qa-set.json` (npm run eval:qa). */
export const CONFIDENCE = {
  /** Share of the question's meaningful words that the best entry must match. */
  minCoverage: 0.6,
  /**
   * Smallest search score of a confident answer. On the question set, right answers score 26 and
   * more; a stray common word (« le temps » matching « temps de rencontres ») stays under 12.
   */
  minScore: 20,
};

export type QaOutcome =
  | { status: 'answer'; doc: KnowledgeDoc; alternatives: KnowledgeDoc[]; coverage: number; score: number }
  | { status: 'unsure'; alternatives: KnowledgeDoc[]; coverage: number; score: number }
  | { status: 'empty' };

interface Indexed {
  id: string;
  title: string;
  questions: string;
  text: string;
  extra: string;
}

/**
 * The content store as a French full-text index (MiniSearch: BM25, typo tolerance, prefixes),
 * and the confidence rule that decides between an answer and an honest « je ne suis pas sûr ».
 */
export class KnowledgeIndex {
  private constructor(
    private readonly search: MiniSearch<Indexed>,
    private readonly docs: Map<string, KnowledgeDoc>,
    private readonly analyzer: TextAnalyzer,
  ) {}

  static build(content: Content): KnowledgeIndex {
    const analyzer = createAnalyzer(content.search);
    const docs = knowledgeDocs(content);
    const search = new MiniSearch<Indexed>({
      fields: ['title', 'questions', 'text', 'extra'],
      tokenize,
      processTerm: (term) => analyzer.term(term) ?? null,
      searchOptions: {
        boost: TUNING.fields,
        fuzzy: (term) => (term.length >= 5 ? 0.25 : false),
        prefix: (term) => term.length >= 4,
        combineWith: 'OR',
      },
    });
    search.addAll(
      docs.map((d) => ({ id: d.id, title: d.title, questions: d.questions.join(' \n '), text: d.text, extra: d.extra.join(' \n ') })),
    );
    return new KnowledgeIndex(search, new Map(docs.map((d) => [d.id, d])), analyzer);
  }

  private readonly titles = new Map<string, string>();

  /** The analysed terms of an entry's title, sorted, as one string (cached). */
  private titleTerms(id: string): string {
    let terms = this.titles.get(id);
    if (terms === undefined) {
      const doc = this.docs.get(id);
      terms = doc ? [...new Set(this.analyzer.queryTerms(doc.title).map((t) => t.term))].sort().join(' ') : '';
      this.titles.set(id, terms);
    }
    return terms;
  }

  get(id: string): KnowledgeDoc | undefined {
    return this.docs.get(id);
  }

  size(): number {
    return this.docs.size;
  }

  /** The best entries for a question, and whether the best one is a confident answer. */
  ask(question: string): QaOutcome {
    const terms = this.analyzer.queryTerms(question);
    if (terms.length === 0) return { status: 'empty' };
    const originals = new Set(terms.map((t) => t.term));
    const alternatives = new Set(terms.flatMap((t) => t.alternatives).filter((a) => !originals.has(a)));
    const query = [...originals, ...alternatives].join(' ');
    const wanted = new Set(this.analyzer.intents(question));
    // Terms are already analysed: do not analyse them a second time.
    const results = this.search.search(query, {
      processTerm: (t) => t,
      // A synonym helps find the entry but counts less than the user's own word.
      boostTerm: (term) => (originals.has(term) ? 1 : TUNING.synonymWeight),
      boostDocument: (id) => (wanted.has(this.docs.get(String(id))?.kind ?? '') ? TUNING.intentBoost : 1),
    });
    if (results.length === 0) return { status: 'unsure', alternatives: [], coverage: 0, score: 0 };
    const asked = [...originals].sort().join(' ');
    const rescored = results
      .slice(0, 10)
      .map((r) => ({ ...r, score: r.score * (this.titleTerms(r.id) === asked ? TUNING.exactTitleBoost : 1) }))
      .sort((a, b) => b.score - a.score);
    const best = rescored[0]!;
    const matched = new Set(best.queryTerms);
    const counted = terms.filter((t) => !t.soft);
    const covered = counted.filter((t) => matched.has(t.term) || t.alternatives.some((a) => matched.has(a))).length;
    const coverage = counted.length === 0 ? 0 : covered / counted.length;
    const ranked = rescored.slice(0, 4).map((r) => this.docs.get(r.id)!);
    if (coverage >= CONFIDENCE.minCoverage && best.score >= CONFIDENCE.minScore) {
      return { status: 'answer', doc: ranked[0]!, alternatives: ranked.slice(1, 4), coverage, score: best.score };
    }
    // A weak match (a stray common word) is no topic worth offering: the question is out of scope.
    const near = best.score >= CONFIDENCE.minScore / 2 ? ranked.slice(0, 3) : [];
    return { status: 'unsure', alternatives: near, coverage, score: best.score };
  }
}
