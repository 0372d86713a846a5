import { z } from 'zod';
import { Id, Passage, Source, Text } from './shared.js';

// `content/evaluation.json`: the evaluation of a partnership.

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
});

export type EvaluationFile = z.infer<typeof EvaluationFile>;
