import { z } from 'zod';
import { Id, Passage, SeedPassage, Source, Text } from './shared.js';
import { MethodStepId } from './method.js';

// `content/evaluation.json`: the evaluation of a partnership.

/**
 * One rule of the analysis of an evaluation: when one of `questions` got one of `answers`, the
 * summary says `text` as a strength, a point to watch or an advice, under one of the kit's 3 angles.
 * Question ids are those the evaluation asks (`effets-1`…`effets-4`, `performance-1`…, see
 * `src/domain/method/evaluation-questions.ts`); answers are the values of `ui.json` ›
 * `answers.evaluation`, or `answered` / `skipped` for the questions answered in one's own words.
 * `{question}` in `text` stands for the question's words (« sur votre organisation interne »).
 */
export const EvaluationRule = z.object({
  questions: z.array(z.string().regex(/^[a-z]+-\d+$/, 'identifiant de question attendu (effets-1, synthese-3…)')).min(1),
  answers: z.array(Id).min(1),
  kind: z.enum(['strength', 'watch', 'advice']),
  /** An angle of `angles` (performance, pertinence, cohérence). */
  angle: Id,
  text: Text,
  /** Words the user wrote for an open question are shown after the text. */
  quoteAnswer: z.boolean().default(false),
  /** A step of the journey the advice sends back to (a link into the chat, or the words to type). */
  step: z.union([z.literal('diagnosis'), MethodStepId]).optional(),
  /** Tools of `tools.json` the rule points to. */
  tools: z.array(Id).default([]),
  /** The kit's lines the rule is written from. */
  source: z.array(SeedPassage).min(1),
});

export const EvaluationFile = z.object({
  intro: Passage,
  angles: z.array(z.object({ id: Id, label: Text, definition: Text, source: Source })).min(1),
  ownPerformance: z.object({
    text: Text,
    /** The 4 effects to look at through the carré magique, from the kit, worded for the user (« sur votre organisation interne »...). */
    effects: z.array(Text).length(4),
    questions: z.array(Text).min(1),
    source: Source,
  }),
  ecosystemImpacts: z.object({ text: Text, questions: z.array(Text).min(1), source: Source }),
  twoQuestions: z.object({ text: Text, questions: z.array(Text).min(1), source: Source }),
  synthesisQuestions: z.object({ text: Text, questions: z.array(Text).length(3), source: Source }),
  impacts: z.array(z.object({ id: Id, label: Text, description: Text, source: Source })).min(1),
  /** How the summary reads the answers: strengths, points to watch and advice, in this order. */
  analysis: z.object({ rules: z.array(EvaluationRule).min(1) }),
});

export type EvaluationRule = z.infer<typeof EvaluationRule>;

export type EvaluationFile = z.infer<typeof EvaluationFile>;
