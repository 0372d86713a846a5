import type { Content } from '../../content/content.js';
import { expandShorthand, paddedPhrases, type QueryTerm, type TextAnalyzer } from './analyse-text.js';
import { focusMessage } from './question-focus.js';

/** One example of `phrasings.json` as the index reads it: its terms and the entries that answer it. */
export interface PhrasingExample {
  q: string;
  /** The answering entries' ids (near-duplicates already resolved to their subject's); none for a declined example. */
  entries: string[];
  /** The analysed terms of the example's question and its context (not the greetings nor who asks). */
  terms: Set<string>;
}

/** The nearest example to a question, and how clearly it is the nearest. */
export interface ExampleVote {
  example: PhrasingExample;
  /** Cosine similarity (0 to 1) of the question's and the example's terms, each weighted by its rarity. */
  similarity: number;
  /** Similarity of the nearest example that points to other entries (0 when none shares a word). */
  rival: number;
}

/** How much a term counts in the comparison: soft words (« combien », « comment ») say how it is asked, a little. */
export interface VoteWeights {
  soft: number;
  /** A synonym or thesaurus word of a question's word matching an example counts this much. */
  alternative: number;
}

/**
 * The examples of `phrasings.json` as a nearest-neighbour vote: a question is compared with every
 * example sharing a word with it (cosine of IDF-weighted terms, the question's context weighing as
 * in the ranking). The nearest example's entries are what people who asked that way wanted.
 */
export class ExampleIndex {
  private readonly byTerm = new Map<string, number[]>();
  private readonly norms: number[];

  constructor(
    private readonly examples: PhrasingExample[],
    private readonly idf: (term: string) => number,
    private readonly weights: VoteWeights,
  ) {
    examples.forEach((e, i) => {
      for (const t of e.terms) {
        const list = this.byTerm.get(t) ?? [];
        list.push(i);
        this.byTerm.set(t, list);
      }
    });
    this.norms = examples.map((e) => Math.sqrt([...e.terms].reduce((sum, t) => sum + idf(t) ** 2, 0)));
  }

  /** The nearest example and its nearest rival (an example for other entries), or undefined when none shares a word. */
  nearest(terms: QueryTerm[]): ExampleVote | undefined {
    const weighted = terms.map((t) => ({ t, w: (t.weight ?? 1) * (t.soft ? this.weights.soft : 1) * this.idf(t.term) }));
    const norm = Math.sqrt(weighted.reduce((sum, { w }) => sum + w ** 2, 0));
    // Only examples sharing a word of the subject: « quel autodiagnostic pour nous ? » shares only the
    // kind of answer asked for with « un autodiagnostic pour les entreprises ? », and says nothing of whose.
    const candidates = new Set(terms.filter((t) => !t.soft).flatMap((t) => [t.term, ...t.alternatives].flatMap((s) => this.byTerm.get(s) ?? [])));
    if (candidates.size === 0 || norm === 0) return undefined;
    const scored = [...candidates]
      .map((i) => ({ i, s: Math.min(1, this.dot(weighted, this.examples[i]!.terms) / (norm * this.norms[i]!)) }))
      .sort((a, b) => b.s - a.s);
    const best = this.examples[scored[0]!.i]!;
    const key = best.entries.join(' ');
    const rival = scored.find((x) => this.examples[x.i]!.entries.join(' ') !== key)?.s ?? 0;
    return { example: best, similarity: scored[0]!.s, rival };
  }

  /** What a question and an example share, each of the example's words counted once; a synonym found counts less than the word itself. */
  private dot(weighted: Array<{ t: QueryTerm; w: number }>, example: Set<string>): number {
    const used = new Set<string>();
    let dot = 0;
    for (const { t, w } of weighted) {
      if (example.has(t.term) && !used.has(t.term)) {
        used.add(t.term);
        dot += w * this.idf(t.term);
        continue;
      }
      const alternative = t.alternatives.find((a) => example.has(a) && !used.has(a));
      if (alternative === undefined) continue;
      used.add(alternative);
      dot += this.weights.alternative * w * this.idf(alternative);
    }
    return dot;
  }
}

/**
 * The examples of `phrasings.json` as the index reads a question: the clauses that ask and their
 * context (not the greetings, not who asks), shorthand written out, typos repaired, stop words and
 * chat dropped; each example's entries resolved to the entry that answers for their subject.
 */
export function phrasingExamples(content: Content, analyzer: TextAnalyzer, canonical: Map<string, string>, used: (term: string) => boolean): PhrasingExample[] {
  const { search } = content;
  const starts = paddedPhrases(search.questionStarts);
  const read = (q: string) => {
    const f = focusMessage(q, search.messageParts, (clause) => starts.some((s) => ` ${clause} `.startsWith(s)));
    const text = expandShorthand([f.question, f.context].filter(Boolean).join(' ; '), content.ui.understanding.shorthand);
    return new Set(
      analyzer
        .queryTerms(text)
        .filter((t) => (!analyzer.isStopStem(t.term) || used(t.term)) && (!t.joined || used(t.term)))
        .map((t) => t.term),
    );
  };
  return [
    ...content.phrasings.map((e) => ({ q: e.q, entries: [...new Set(e.entries.map((id) => canonical.get(id) ?? id))], terms: read(e.q) })),
    // A declined example answers with no entry: « je n'ai pas cette information ».
    ...content.declinedPhrasings.map((e) => ({ q: e.q, entries: [], terms: read(e.q) })),
  ];
}

/**
 * The words each entry is asked with, from the examples of `phrasings.json`: the example's words
 * the entry uses itself, and the words it never uses that few entries' examples share (`maxEntries`):
 * a word found in the examples of many entries is how people ask, not what they ask about.
 */
export function learntWords(examples: PhrasingExample[], ownStems: (id: string) => Set<string>, maxEntries: number): Map<string, Set<string>> {
  const entriesOf = new Map<string, Set<string>>();
  for (const e of examples) for (const t of e.terms) for (const id of e.entries) entriesOf.set(t, (entriesOf.get(t) ?? new Set()).add(id));
  const words = new Map<string, Set<string>>();
  for (const e of examples) {
    for (const id of e.entries) {
      const own = ownStems(id);
      const list = words.get(id) ?? new Set<string>();
      for (const t of e.terms) if (own.has(t) || entriesOf.get(t)!.size <= maxEntries) list.add(t);
      words.set(id, list);
    }
  }
  return words;
}
