import { z } from 'zod';
import type { Dialog, DialogContext } from '../src/conversation/dialog-types.js';
import { buttonValue, pressed } from '../src/domain/button-values.js';
import { diagnosisResults } from '../src/domain/diagnosis/diagnosis-results.js';
import { isCommand } from '../src/domain/diagnosis/match-answer.js';
import { message, type Choice } from '../src/domain/out-message.js';
import { recommendationCards } from '../src/domain/recommendation-cards.js';
import { profileLabels } from '../src/domain/profile-labels.js';
import { profileFirst } from './profile-first.js';

const PAGE = 5;

const ResultsData = z.object({
  /** Recommendations already shown (a page at a time). */
  shown: z.number().int().min(0).default(0),
});
type ResultsData = z.infer<typeof ResultsData>;
type Context = DialogContext<ResultsData>;

const compute = (ctx: Context) => diagnosisResults(ctx.content, ctx.user.profile, ctx.user.diagnosis);

function page(ctx: Context, from: number) {
  const results = compute(ctx);
  const slice = results.recommendations.slice(from, from + PAGE);
  return recommendationCards(ctx.content, ctx.render, ctx.user.profile, results, slice);
}

function nextChoices(ctx: Context): Choice[] {
  const { labels } = ctx.content.ui;
  const remaining = compute(ctx).recommendations.length - (ctx.data.shown);
  return [
    ...(remaining > 0 ? [{ label: labels.more, value: buttonValue({ kind: 'results', action: 'more' }) }] : []),
    { label: labels.report, value: buttonValue({ kind: 'command', command: 'report' }) },
    ...(ctx.user.jeudis?.active ? [] : [{ label: labels.jeudis, value: buttonValue({ kind: 'command', command: 'jeudis' }) }]),
    { label: labels.menu, value: buttonValue({ kind: 'command', command: 'menu' }) },
  ];
}

/** The outcome of the diagnosis: priority needs, then the tools chosen for them, with reasons. */
export const resultsDialog: Dialog<ResultsData> = {
  id: 'results',
  data: ResultsData,
  start: (ctx) => {
    const first = profileFirst(ctx, 'results');
    if (first) return first;
    const results = compute(ctx);
    ctx.user.diagnosis.results = {
      at: ctx.now.toISOString(),
      priorities: results.priorities.map((p) => p.need.id),
      tools: results.recommendations.map((r) => r.tool.id),
    };
    const levelLabel = (v: number) => ctx.content.scale.find((l) => l.value === v)?.label ?? String(v);
    ctx.data.shown = Math.min(PAGE, results.recommendations.length);
    return {
      say: [
        message(
          ctx.render('results/summary', {
            mode: results.mode,
            priorities: results.priorities.map((p) => ({ title: p.need.title, level: p.unknown ? ctx.content.ui.labels.dontKnow : levelLabel(p.level) })),
            count: results.recommendations.length,
            who: profileLabels(ctx.content, ctx.user.profile).who ?? null,
          }),
          { cards: page(ctx, 0) },
        ),
      ],
      then: { goto: 'next' },
    };
  },
  steps: {
    next: {
      prompt: (ctx) => {
        const remaining = compute(ctx).recommendations.length - (ctx.data.shown);
        return [message(ctx.render('results/next', { remaining, offerJeudis: !ctx.user.jeudis?.active }), { choices: nextChoices(ctx) })];
      },
      handle: (ctx, input) => {
        const shown = ctx.data.shown;
        const more = pressed(input, 'results')?.action === 'more' || isCommand(input, 'more', ctx.content.ui.commands.more);
        if (more && shown < compute(ctx).recommendations.length) {
          const cards = page(ctx, shown);
          ctx.data.shown = shown + cards.length;
          return { say: [message(ctx.render('results/more'), { cards })], then: { goto: 'next' } };
        }
        return { then: { unrecognised: true } };
      },
    },
  },
};
