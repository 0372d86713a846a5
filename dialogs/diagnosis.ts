import type { Dialog, DialogContext, StepResult } from '../src/dialog/dialog-types.js';
import { isCommand, matchScaleLevel } from '../src/engine/match-answer.js';
import { message, type Choice } from '../src/messages/out-message.js';

interface DiagnosisData {
  index?: number;
}

const data = (ctx: DialogContext) => ctx.data as DiagnosisData;
const currentNeed = (ctx: DialogContext) => ctx.content.needs[data(ctx).index ?? 0];

/** Index of the first need at or after `from` with no answer yet (answered or skipped), or -1. */
function nextOpenNeed(ctx: DialogContext, from: number): number {
  return ctx.content.needs.findIndex((need, i) => i >= from && !(need.id in ctx.user.diagnosis.answers));
}

function choices(ctx: DialogContext): Choice[] {
  const { labels } = ctx.content.ui;
  return [
    ...ctx.content.scale.map((level) => ({ label: `${level.value} · ${level.label}`, value: `level:${level.value}` })),
    { label: labels.skip, value: 'diagnosis:skip' },
    { label: labels.pause, value: 'diagnosis:pause' },
  ];
}

function record(ctx: DialogContext, level: number | null): StepResult {
  const need = currentNeed(ctx);
  if (need) ctx.user.diagnosis.answers[need.id] = { level, at: ctx.now.toISOString() };
  const next = nextOpenNeed(ctx, (data(ctx).index ?? 0) + 1);
  const anyOpen = next === -1 ? nextOpenNeed(ctx, 0) : next;
  if (anyOpen === -1) {
    ctx.user.diagnosis.completedAt = ctx.now.toISOString();
    return { then: { switchTo: 'results' } };
  }
  data(ctx).index = anyOpen;
  return { then: { goto: 'need' } };
}

/**
 * The self-assessment of the 7 needs, one at a time, in the kit's order. Every answer is saved
 * as it is given, so the user can pause (or the server restart) and resume at the same need.
 */
export const diagnosisDialog: Dialog = {
  id: 'diagnosis',
  start: (ctx, args) => {
    if (args.fresh === true) ctx.user.diagnosis = { answers: {} };
    ctx.user.diagnosis.startedAt ??= ctx.now.toISOString();
    const first = nextOpenNeed(ctx, 0);
    if (first === -1) return { then: { switchTo: 'results' } };
    data(ctx).index = first;
    const answered = Object.keys(ctx.user.diagnosis.answers).length;
    const total = ctx.content.needs.length;
    return {
      say: [
        message(
          answered === 0
            ? ctx.render('diagnosis/intro', { total, scale: ctx.content.scale })
            : ctx.render('diagnosis/resume', { position: first + 1, total, answered }),
        ),
      ],
      then: { goto: 'need' },
    };
  },
  steps: {
    need: {
      prompt: (ctx) => {
        const index = data(ctx).index ?? 0;
        return [
          message(
            ctx.render('diagnosis/need', {
              position: index + 1,
              total: ctx.content.needs.length,
              need: currentNeed(ctx),
              scale: ctx.content.scale,
            }),
            { choices: choices(ctx) },
          ),
        ];
      },
      handle: (ctx, input) => {
        const { commands } = ctx.content.ui;
        if (input.value === 'diagnosis:pause' || isCommand(input, 'pause', commands.pause)) {
          const answered = Object.keys(ctx.user.diagnosis.answers).length;
          return {
            say: [message(ctx.render('diagnosis/paused', { answered, total: ctx.content.needs.length }))],
            then: { switchTo: 'menu' },
          };
        }
        if (input.value === 'diagnosis:skip' || isCommand(input, 'skip', commands.skip)) return record(ctx, null);
        const level = matchScaleLevel(input, ctx.content.scale);
        if (level !== undefined) return record(ctx, level);
        return { say: [message(ctx.render('diagnosis/invalid', { scale: ctx.content.scale }))], then: { retry: true } };
      },
    },
  },
};
