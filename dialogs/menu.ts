import type { Dialog, DialogContext } from '../src/conversation/dialog-types.js';
import { matchChoice } from '../src/domain/diagnosis/match-answer.js';
import { message, type Choice } from '../src/domain/out-message.js';

/** Menu entries; each button carries the anytime command that opens its dialog. */
function entries(ctx: DialogContext): Array<Choice & { dialog: string }> {
  const { labels } = ctx.content.ui;
  const answered = Object.keys(ctx.user.diagnosis.answers).length;
  const inProgress = answered > 0 && !ctx.user.diagnosis.completedAt;
  return [
    { label: inProgress ? labels.diagnosisResume : labels.diagnosis, value: 'cmd:diagnosis', dialog: 'diagnosis' },
    { label: labels.method, value: 'cmd:method', dialog: 'parcours' },
    { label: labels.question, value: 'cmd:question', dialog: 'question' },
    { label: labels.evaluation, value: 'cmd:evaluation', dialog: 'evaluation' },
    { label: labels.pairing, value: 'cmd:pairing', dialog: 'pairing' },
    { label: labels.jeudis, value: 'cmd:jeudis', dialog: 'jeudis' },
    { label: labels.report, value: 'cmd:report', dialog: 'report' },
    { label: labels.profile, value: 'cmd:profile', dialog: 'profile' },
  ];
}

export const menuDialog: Dialog = {
  id: 'menu',
  start: () => ({ then: { goto: 'choose' } }),
  steps: {
    choose: {
      // An answer already offers « Menu »: showing the whole menu after each one would drown it.
      afterAside: 'quiet',
      prompt: (ctx) => {
        const answered = Object.keys(ctx.user.diagnosis.answers).length;
        return [
          message(
            ctx.render('menu/menu', {
              answered,
              total: ctx.content.needs.length,
              completed: Boolean(ctx.user.diagnosis.completedAt),
            }),
            { choices: entries(ctx).map(({ label, value }) => ({ label, value })) },
          ),
        ];
      },
      handle: (ctx, input) => {
        const entry = entries(ctx);
        const choice = matchChoice(input, entry, { numbered: true });
        const picked = entry.find((e) => e.value === choice?.value);
        if (picked) return { then: { switchTo: picked.dialog } };
        return { then: { unrecognised: true } };
      },
    },
  },
};
