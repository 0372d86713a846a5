import type { Dialog, DialogContext } from '../src/conversation/dialog-types.js';
import { buttonValue, readButtonValue } from '../src/domain/button-values.js';
import { matchChoice } from '../src/domain/diagnosis/match-answer.js';
import { journey } from '../src/domain/journey.js';
import { message, type Choice } from '../src/domain/out-message.js';

function choices(ctx: DialogContext): Choice[] {
  const { steps, next } = journey(ctx.user);
  const { labels } = ctx.content.ui;
  const stepLabel = (id: string) => ctx.render('method/step-label', { id });
  return [
    ...(next ? [{ label: ctx.render('method/continue-with', { step: stepLabel(next.id) }), value: buttonValue({ kind: 'journey', dialog: next.dialog }) }] : []),
    ...steps.filter((s) => s !== next).map((s) => ({ label: stepLabel(s.id), value: buttonValue({ kind: 'journey', dialog: s.dialog }) })),
    { label: labels.report, value: buttonValue({ kind: 'command', command: 'report' }) },
    { label: labels.menu, value: buttonValue({ kind: 'command', command: 'menu' }) },
  ];
}

/** « Mon parcours » (the « méthode » command): which steps of the journey are done, and the next one to take up. */
export const journeyDialog: Dialog = {
  id: 'journey',
  // `returning`: the return screen of a user who left nothing pending (« Bon retour », then the same choices).
  start: (ctx, args) => {
    const { steps, next } = journey(ctx.user);
    const labelled = (s: (typeof steps)[number]) => ({ ...s, label: ctx.render('method/step-label', { id: s.id }) });
    const view = { steps: steps.map(labelled), next: next ? labelled(next) : null };
    return {
      say: [message(args.returning === true ? ctx.render('welcome/back', { pending: null, ...view }) : ctx.render('method/journey', view))],
      then: { goto: 'choose' },
    };
  },
  steps: {
    choose: {
      prompt: (ctx) => [message(ctx.render('method/journey-choose'), { choices: choices(ctx) })],
      handle: (ctx, input) => {
        const choice = matchChoice(input, choices(ctx), { numbered: true });
        const step = choice && readButtonValue(choice.value);
        if (step?.kind === 'journey') return { then: { switchTo: step.dialog } };
        return { then: { unrecognised: true } };
      },
    },
  },
};
