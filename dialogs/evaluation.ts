import { z } from 'zod';
import type { Dialog, DialogContext } from '../src/conversation/dialog-types.js';
import { buttonValue, pressed } from '../src/domain/button-values.js';
import { isCommand } from '../src/domain/diagnosis/match-answer.js';
import { evaluationQuestions, SKIPPED_ANSWER } from '../src/domain/method/evaluation-questions.js';
import { analysisToolCards, evaluationAnalysis, type AnalysisItem } from '../src/domain/method/evaluation-analysis.js';
import { journeyStepAction } from '../src/domain/chat-links.js';
import { message, MESSAGE_BUDGET, type Card, type OutMessage } from '../src/domain/out-message.js';
import { optionChoices, readOption } from './answer-options.js';
import { methodNextStep } from './method-shared.js';
import { noted } from './understood.js';
import { progress } from './progress.js';
import { profileFirst } from './profile-first.js';

const MAX_OPEN_ANSWER = 500;

const EvaluationData = z.object({
  /** The question asked, by its position in the evaluation's questions. */
  index: z.number().int().min(0).default(0),
  /** The answers given so far, by question (an option's value, the user's words or SKIPPED_ANSWER). */
  answers: z.record(z.string(), z.string()).optional(),
});
type EvaluationData = z.infer<typeof EvaluationData>;

const questions = (ctx: DialogContext) => evaluationQuestions(ctx.content.evaluation);

/** The evaluation of a partnership under way, question by question, then a written summary. */
export const evaluationDialog: Dialog<EvaluationData> = {
  id: 'evaluation',
  data: EvaluationData,
  start: (ctx) => {
    const first = profileFirst(ctx, 'evaluation');
    if (first) return first;
    ctx.data.index = 0;
    ctx.data.answers = {};
    return {
      say: [message(ctx.render('evaluation/intro', { evaluation: ctx.content.evaluation, total: questions(ctx).length }))],
      then: { goto: 'question' },
    };
  },
  steps: {
    question: {
      prompt: (ctx) => {
        const all = questions(ctx);
        const index = ctx.data.index;
        const question = all[index]!;
        const { labels, answers } = ctx.content.ui;
        return [
          message(ctx.render('evaluation/question', { question, position: index + 1, total: all.length, max: MAX_OPEN_ANSWER }), {
            choices: question.open
              ? [{ label: labels.skipQuestion, value: buttonValue({ kind: 'evaluation', action: 'skip' }) }]
              : optionChoices('evaluation-answer', question.id, answers.evaluation),
            progress: progress(ctx, 'evaluation', index + 1, all.length),
          }),
        ];
      },
      handle: (ctx, input) => {
        const all = questions(ctx);
        const d = ctx.data;
        const index = d.index;
        const question = all[index]!;
        let answer: string | undefined;
        let said: ReturnType<typeof noted> = [];
        if (question.open) {
          // A button other than « passer » comes from an earlier question's card: it is no answer here.
          const skip = pressed(input, 'evaluation')?.action === 'skip';
          if (input.value !== undefined && !skip) return { then: { unrecognised: true } };
          const skipped = skip || isCommand(input, 'skip', ctx.content.ui.commands.skip);
          if (!skipped && input.text.trim().length > MAX_OPEN_ANSWER)
            return { say: [message(ctx.render('evaluation/too-long', { max: MAX_OPEN_ANSWER }))], then: { retry: true } };
          answer = skipped ? SKIPPED_ANSWER : input.text.trim();
        } else {
          const option = readOption(ctx, 'evaluation-answer', question.id, ctx.content.ui.answers.evaluation, input);
          if (!option) return input.value !== undefined ? { then: { unrecognised: true } } : { say: [message(ctx.render('evaluation/invalid'))], then: { retry: true } };
          answer = option.value;
          said = noted(ctx, input, option.label);
        }
        d.answers = { ...d.answers, [question.id]: answer };
        const next = nextQuestion(all, index, d.answers);
        if (next < all.length) {
          d.index = next;
          return { say: said, then: { goto: 'question' } };
        }
        ctx.user.method.evaluation = { answers: d.answers, at: ctx.now.toISOString() };
        return { say: [...said, ...analysisMessages(ctx, d.answers)], then: { goto: 'next' } };
      },
    },
    next: methodNextStep(null, null),
  },
};

/**
 * The summary of an evaluation: its strengths, its points to watch and what to do next (with the
 * evaluation's tools the rules point to), from the rules of `evaluation.json` › `analysis`. Each
 * bubble keeps to the message budget; what does not fit waits behind « Lire la suite ».
 */
function analysisMessages(ctx: DialogContext, answers: Record<string, string>): OutMessage[] {
  const { content } = ctx;
  const analysis = evaluationAnalysis(content.evaluation, content.ui.answers.evaluation, content.tools, answers);
  const list = (part: 'strengths' | 'watch' | 'advice', items: AnalysisItem[], cards: Card[] = []) => {
    const shown = items.map((i) => ({ ...i, type: i.step ? journeyStepAction(i.step, content.ui.commands).words : null }));
    for (let n = shown.length; ; n--) {
      const text = ctx.render('evaluation/summary', { part, items: shown.slice(0, n) });
      if (text.length <= MESSAGE_BUDGET || n <= 1) {
        const detail = n < shown.length ? ctx.render('evaluation/summary', { part, items: shown.slice(n), detail: true }) : undefined;
        return message(text, { cards, ...(detail ? { detail } : {}) });
      }
    }
  };
  return [
    list('strengths', analysis.strengths),
    ...(analysis.watch.length > 0 ? [list('watch', analysis.watch)] : []),
    list('advice', analysis.advice, analysisToolCards(content, ctx.render, analysis)),
  ];
}

/** Index of the question after `index`, leaving out « si oui » questions after a no. */
function nextQuestion(all: ReturnType<typeof evaluationQuestions>, index: number, answers: Record<string, string>): number {
  let next = index + 1;
  while (all[next]?.ifPreviousYes && !['yes', 'partly'].includes(answers[all[next - 1]!.id] ?? '')) next += 1;
  return next;
}
