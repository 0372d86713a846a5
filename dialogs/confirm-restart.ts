import type { Dialog } from '../src/dialog/dialog-types.js';
import { isCommand } from '../src/engine/match-answer.js';
import { message } from '../src/messages/out-message.js';

/** « recommencer » erases the diagnosis answers, so it asks first; « non » resumes where the user was. */
export const confirmRestartDialog: Dialog = {
  id: 'confirm-restart',
  start: () => ({ then: { goto: 'confirm' } }),
  steps: {
    confirm: {
      prompt: (ctx) => {
        const { labels } = ctx.content.ui;
        return [
          message(ctx.render('commands/restart-confirm', { answered: Object.keys(ctx.user.diagnosis.answers).length }), {
            choices: [
              { label: labels.yes, value: 'confirm:yes' },
              { label: labels.no, value: 'confirm:no' },
            ],
          }),
        ];
      },
      handle: (ctx, input) => {
        const { commands } = ctx.content.ui;
        if (input.value === 'confirm:yes' || isCommand(input, 'yes', commands.yes))
          return { then: { switchTo: 'diagnosis', args: { fresh: true } } };
        if (input.value === 'confirm:no' || isCommand(input, 'no', commands.no))
          return { say: [message(ctx.render('commands/restart-kept'))], then: { end: true } };
        return { say: [message(ctx.render('commands/yes-or-no'))], then: { retry: true } };
      },
    },
  },
};
