import { z } from 'zod';
import type { KnowledgeIndex } from '../../domain/qa/knowledge-index.js';

/** The question set of `test/qa-set.json`: questions as users type them, with the entries that answer them. */
export const QaSet = z.object({
  inScope: z.array(z.object({ q: z.string().min(1), expect: z.array(z.string()).min(1) })).min(1),
  outOfScope: z.array(z.string().min(1)).min(1),
});
export type QaSet = z.infer<typeof QaSet>;

export interface QaScores {
  /** In-scope questions answered confidently with an expected entry. */
  top1: number;
  /** In-scope questions with an expected entry among the 3 best, confident or not. */
  top3: number;
  /** Out-of-scope questions not answered (declined or « pas sûr »). */
  outOfScopeRejection: number;
  misses: Array<{ q: string; expect: string[]; got: string[]; confident: boolean }>;
  wronglyAnswered: Array<{ q: string; got: string }>;
}

export function evaluateQa(index: KnowledgeIndex, set: QaSet): QaScores {
  let top1 = 0;
  let top3 = 0;
  const misses: QaScores['misses'] = [];
  for (const { q, expect } of set.inScope) {
    const outcome = index.ask(q);
    const ranked = outcome.status === 'answer' ? [outcome.doc, ...outcome.alternatives] : outcome.status === 'unsure' ? outcome.alternatives : [];
    const ids = ranked.map((d) => d.id);
    const confidentHit = outcome.status === 'answer' && expect.includes(outcome.doc.id);
    if (confidentHit) top1 += 1;
    if (ids.slice(0, 3).some((id) => expect.includes(id))) top3 += 1;
    if (!confidentHit) misses.push({ q, expect, got: ids.slice(0, 3), confident: outcome.status === 'answer' });
  }
  const wronglyAnswered: QaScores['wronglyAnswered'] = [];
  let rejected = 0;
  for (const q of set.outOfScope) {
    const outcome = index.ask(q);
    if (outcome.status === 'answer') wronglyAnswered.push({ q, got: outcome.doc.id });
    else rejected += 1;
  }
  return {
    top1: top1 / set.inScope.length,
    top3: top3 / set.inScope.length,
    outOfScopeRejection: rejected / set.outOfScope.length,
    misses,
    wronglyAnswered,
  };
}
