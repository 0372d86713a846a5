import type { Dialog, DialogContext } from '../src/conversation/dialog-types.js';
import { diagnosisResults } from '../src/domain/diagnosis/diagnosis-results.js';
import { isCommand } from '../src/domain/diagnosis/match-answer.js';
import { message, type Choice } from '../src/domain/out-message.js';
import { recommendationCards } from '../src/domain/recommendation-cards.js';
import { profileFirst } from './profile-first.js';

const PAGE = 5;

interface ResultsData {
  shown?: number;
}

const data = (ctx: DialogContext) => ctx.data as ResultsData;
const compute = (ctx: DialogContext) => diagnosisResults(ctx.content, ctx.user.profile, ctx.user.diagnosis);

function page(ctx: DialogContext, from: number) {
  const results = compute(ctx);
  const slice = results.recommendations.slice(from, from + PAGE);
  return recommendationCards(ctx.content, ctx.render, ctx.user.profile, results, slice);
}

function nextChoices(ctx: DialogContext): Choice[] {
  const { labels } = ctx.content.ui;
  const remaining = compute(ctx).recommendations.length - (data(ctx).shown ?? 0);
  return [
    ...(remaining > 0 ? [{ label: labels.more, value: 'results:more' }] : []),
    { label: labels.report, value: 'cmd:report' },
    ...(ctx.user.jeudis?.active ? [] : [{ label: labels.jeudis, value: 'cmd:jeudis' }]),
    { label: labels.menu, value: 'cmd:menu' },
  ];
}

/** The outcome of the diagnosis: priority needs, then the tools chosen for them, with reasons. */
export const resultsDialog: Dialog = {
  id: 'results',
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
    data(ctx).shown = Math.min(PAGE, results.recommendations.length);
    return {
      say: [
        message(
          ctx.render('results/summary', {
            mode: results.mode,
            priorities: results.priorities.map((p) => ({ title: p.need.title, level: p.unknown ? ctx.content.ui.labels.dontKnow : levelLabel(p.level) })),
            count: results.recommendations.length,
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
        const remaining = compute(ctx).recommendations.length - (data(ctx).shown ?? 0);
        return [message(ctx.render('results/next', { remaining, offerJeudis: !ctx.user.jeudis?.active }), { choices: nextChoices(ctx) })];
      },
      handle: (ctx, input) => {
        const shown = data(ctx).shown ?? 0;
        const more = input.value === 'results:more' || isCommand(input, 'more', ctx.content.ui.commands.more);
        if (more && shown < compute(ctx).recommendations.length) {
          const cards = page(ctx, shown);
          data(ctx).shown = shown + cards.length;
          return { say: [message(ctx.render('results/more'), { cards })], then: { goto: 'next' } };
        }
        return { then: { unrecognised: true } };
      },
    },
  },
};
