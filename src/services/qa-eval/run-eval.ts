import { readFileSync } from 'node:fs';
import type { Content } from '../../content/content.js';
import type { RenderTemplate } from '../../domain/render-template.js';
import { inSplit, type SplitName } from './eval-splits.js';
import { EvalSet, judge, scoreByKind, type EvalQuestion, type Judgement, type KindScore } from './evaluate-facts.js';
import type { KnowledgeIndex } from '../../domain/qa/knowledge-index.js';
import { QuestionAnswering, type QaResponse } from '../question-answering.js';

export interface SplitReport {
  split: SplitName;
  kinds: KindScore[];
  /** In-scope questions (every kind but out-of-scope and near-corpus) answered right. */
  inScope: { total: number; right: number };
  outOfScope: { total: number; right: number };
  nearCorpus: { total: number; right: number; saidMissing: number };
  results: Array<{ question: EvalQuestion; response: QaResponse; judgement: Judgement; ms: number }>;
}

/** Reads `test/eval/qa-questions.json` (or another file of the same shape). */
export function readEvalSet(file: string | URL): EvalSet {
  return EvalSet.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * Runs one split through the real answering path (QuestionAnswering, with each question's
 * profile, producing the messages a user sees) and judges each reply by the set's rule.
 */
export function runSplit(index: KnowledgeIndex, content: Content, render: RenderTemplate, set: EvalSet, split: SplitName): SplitReport {
  return { split, ...runQuestions(index, content, render, set.questions.filter((q) => inSplit(q, split))) };
}

/** The same for any list of questions (a fold of a cross-validation). */
export function runQuestions(index: KnowledgeIndex, content: Content, render: RenderTemplate, questions: EvalQuestion[]): Omit<SplitReport, 'split'> {
  const qa = new QuestionAnswering(index, content, render, { logUnanswered: () => {}, logFeedback: () => {} });
  const now = new Date('2026-01-15T10:00:00Z');
  const results = questions
    .map((question) => {
      const start = performance.now();
      const response = qa.respond(question.q, now, question.profile ?? {});
      const ms = performance.now() - start;
      return { question, response, judgement: judge(question, response), ms };
    });
  const count = (list: typeof results) => ({ total: list.length, right: list.filter((r) => r.judgement.right).length });
  const near = results.filter((r) => r.question.kind === 'near-corpus');
  return {
    kinds: scoreByKind(results),
    inScope: count(results.filter((r) => !['out-of-scope', 'near-corpus'].includes(r.question.kind))),
    outOfScope: count(results.filter((r) => r.question.kind === 'out-of-scope')),
    nearCorpus: { ...count(near), saidMissing: near.filter((r) => r.response.status === 'missing').length },
    results,
  };
}
