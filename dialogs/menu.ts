import type { Dialog, DialogContext } from '../src/conversation/dialog-types.js';
import { matchChoice } from '../src/domain/diagnosis/match-answer.js';
import { message, type Choice } from '../src/domain/out-message.js';
import { buttonValue, type CommandName } from '../src/domain/button-values.js';
import type { DialogId } from '../src/domain/dialog-ids.js';

/** Menu entries; each button carries the anytime command that opens its dialog. */
function entries(ctx: DialogContext): Array<Choice & { dialog: DialogId }> {
  const { labels } = ctx.content.ui;
  const answered = Object.keys(ctx.user.diagnosis.answers).length;
  const inProgress = answered > 0 && !ctx.user.diagnosis.completedAt;
  const entry = (label: string, command: CommandName, dialog: DialogId) => ({ label, value: buttonValue({ kind: 'command', command }), dialog });
  return [
    entry(inProgress ? labels.diagnosisResume : labels.diagnosis, 'diagnosis', 'diagnosis'),
    entry(labels.method, 'method', 'journey'),
    entry(labels.question, 'question', 'question'),
    entry(labels.evaluation, 'evaluation', 'evaluation'),
    entry(labels.pairing, 'pairing', 'pairing'),
    entry(labels.jeudis, 'jeudis', 'jeudis'),
    entry(labels.report, 'report', 'report'),
    entry(labels.profile, 'profile', 'profile'),
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
