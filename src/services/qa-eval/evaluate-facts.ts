import { z } from 'zod';
import type { OutMessage } from '../../domain/out-message.js';
import type { QaResponse } from '../question-answering.js';

/**
 * The evaluation set of `test/eval/qa-questions.json`: questions written as users type them,
 * blind to the implementation, each with the facts a right answer must carry. Split once, before
 * any tuning, into a tune part (the only one whose misses are looked at) and a test part.
 */
export const EvalQuestion = z.object({
  id: z.string(),
  /** tune and test: test/eval/qa-questions.json; dev: test/eval/qa-dev.json, a second set written blind, for tuning. */
  split: z.enum(['tune', 'test', 'dev']),
  kind: z.string(),
  q: z.string().min(1),
  /** For each inner list, the answer must contain one of its alternatives. */
  facts: z.array(z.array(z.string().min(1)).min(1)),
  profile: z.object({ actor: z.string().optional(), departement: z.string().optional(), options: z.record(z.string(), z.string()).optional() }).optional(),
  source: z.string().optional(),
});
export const EvalSet = z.object({ note: z.string(), questions: z.array(EvalQuestion).min(1) });
export type EvalQuestion = z.infer<typeof EvalQuestion>;
export type EvalSet = z.infer<typeof EvalSet>;

/** Kinds whose right answer is no answer: declining (out of scope), or saying the information is not there (near corpus). */
export const DECLINE_KINDS = new Set(['out-of-scope', 'near-corpus']);

/** Case, accents, apostrophes, no-break spaces, markdown emphasis and digit-group separators set aside, as a reader compares texts. */
export function normalise(text: string): string {
  return joinDigitGroups(
    text
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .replace(/[’`´]/gu, "'")
      .replace(/[*_]/g, '')
      .replace(/[\u00a0\u202f\s]+/g, ' ')
      .toLowerCase(),
  );
}

/**
 * « 1 500 », « 1.500 », « 1,500 » and « 1500 » are one number to a reader: the content writes
 * « 5 800 » (the renderer makes the space a no-break one) while some facts were written « 1.500 ».
 * Groups of 3 digits after a first group of 1 to 3: « en 2019, 300 » or « 2019 300 » stay apart.
 */
export function joinDigitGroups(text: string): string {
  return text.replace(/(?<![\d.,])(\d{1,3})((?:[ .,]\d{3})+)(?![\d])/g, (_, head: string, groups: string) => head + groups.replace(/[ .,]/g, ''));
}

/** The text the user reads: every message of the reply, with what unfolds behind « Lire la suite ». */
export function readText(messages: OutMessage[]): string {
  return messages
    .map((m) => [m.text, m.detail ?? '', ...m.cards.map((c) => [c.title, c.subtitle, c.text, c.detail].filter(Boolean).join(' '))].join('\n'))
    .join('\n');
}

export interface Judgement {
  right: boolean;
  /** The fact lists none of whose alternatives the answer holds. */
  missing: string[][];
}

/**
 * The rule of the evaluation: a confident answer whose text holds, for each fact list, one of its
 * alternatives; for out-of-scope and near-corpus questions, anything but a confident answer.
 */
export function judge(question: EvalQuestion, response: QaResponse): Judgement {
  if (DECLINE_KINDS.has(question.kind)) return { right: response.status !== 'answer', missing: [] };
  const text = normalise(readText(response.messages));
  const missing = question.facts.filter((alternatives) => !alternatives.some((a) => text.includes(normalise(a))));
  return { right: response.status === 'answer' && missing.length === 0, missing };
}

export interface KindScore {
  kind: string;
  total: number;
  right: number;
}

/** Right answers per kind, kinds in the order they first appear. */
export function scoreByKind(results: Array<{ question: EvalQuestion; judgement: Judgement }>): KindScore[] {
  const byKind = new Map<string, KindScore>();
  for (const { question, judgement } of results) {
    const score = byKind.get(question.kind) ?? { kind: question.kind, total: 0, right: 0 };
    score.total += 1;
    if (judgement.right) score.right += 1;
    byKind.set(question.kind, score);
  }
  return [...byKind.values()];
}
