import type { AnswerOption, EvaluationFile } from '../../content/schemas.js';

/** Stored for an open question the user passed. */
export const SKIPPED_ANSWER = '—';

export type EvaluationGroup = 'effets' | 'performance' | 'ecosysteme' | 'recul' | 'synthese';

export interface EvaluationQuestion {
  id: string;
  group: EvaluationGroup;
  text: string;
  /** Questions asking « comment » call for the user's words rather than yes or no. */
  open: boolean;
  /** « Si oui, comment ? » only makes sense after a yes (or a partly) to the question before. */
  ifPreviousYes: boolean;
}

/** The evaluation of the kit as a list of questions, in the kit's order. */
export function evaluationQuestions(evaluation: EvaluationFile): EvaluationQuestion[] {
  const groups: Array<[EvaluationGroup, string[]]> = [
    ['effets', evaluation.ownPerformance.effects],
    ['performance', evaluation.ownPerformance.questions],
    ['ecosysteme', evaluation.ecosystemImpacts.questions],
    ['recul', evaluation.twoQuestions.questions],
    ['synthese', evaluation.synthesisQuestions.questions],
  ];
  return groups.flatMap(([group, questions]) =>
    questions.map((text, i) => ({
      id: `${group}-${i + 1}`,
      group,
      text,
      open: /^(si oui, )?comment\b/i.test(text.trim()),
      ifPreviousYes: /^si oui\b/i.test(text.trim()),
    })),
  );
}

/** Each question with the user's answer: the option's label, or the user's own words for open questions. */
export function evaluationLines(evaluation: EvaluationFile, options: AnswerOption[], answers: Record<string, string>) {
  return evaluationQuestions(evaluation).map((q) => {
    const raw = answers[q.id];
    const words = q.open && raw && raw !== SKIPPED_ANSWER ? raw : null;
    const answer = q.open ? null : (options.find((o) => o.value === raw)?.label ?? null);
    return { group: q.group, text: q.text, answer, words };
  });
}
