import type { Dialog, DialogContext } from '../src/conversation/dialog-types.js';
import { matchChoice } from '../src/domain/diagnosis/match-answer.js';
import { journey } from '../src/domain/method/parcours.js';
import { message, type Choice } from '../src/domain/out-message.js';

function choices(ctx: DialogContext): Choice[] {
  const { steps, next } = journey(ctx.user);
  const { labels } = ctx.content.ui;
  const stepLabel = (id: string) => ctx.render('method/step-label', { id });
  return [
    ...(next ? [{ label: ctx.render('method/continue-with', { step: stepLabel(next.id) }), value: `journey:${next.dialog}` }] : []),
    ...steps.filter((s) => s !== next).map((s) => ({ label: stepLabel(s.id), value: `journey:${s.dialog}` })),
    { label: labels.report, value: 'cmd:report' },
    { label: labels.menu, value: 'cmd:menu' },
  ];
}

/** « Mon parcours »: which steps are done, and the next one to take up. */
export const parcoursDialog: Dialog = {
  id: 'parcours',
  start: (ctx) => {
    const { steps, next } = journey(ctx.user);
    const labelled = (s: (typeof steps)[number]) => ({ ...s, label: ctx.render('method/step-label', { id: s.id }) });
    return {
      say: [message(ctx.render('method/parcours', { steps: steps.map(labelled), next: next ? labelled(next) : null }))],
      then: { goto: 'choose' },
    };
  },
  steps: {
    choose: {
      prompt: (ctx) => [message(ctx.render('method/parcours-choose'), { choices: choices(ctx) })],
      handle: (ctx, input) => {
        const choice = matchChoice(input, choices(ctx), { numbered: true });
        if (choice?.value.startsWith('journey:')) return { then: { switchTo: choice.value.slice('journey:'.length) } };
        return { then: { unrecognised: true } };
      },
    },
  },
};
