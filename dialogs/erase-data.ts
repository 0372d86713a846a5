import type { Dialog } from '../src/dialog/dialog-types.js';
import { isCommand } from '../src/engine/match-answer.js';
import { message } from '../src/messages/out-message.js';

/** « supprimer mes données »: asks for confirmation, then erases everything once the turn is over. */
export const eraseDataDialog: Dialog = {
  id: 'erase-data',
  start: () => ({ then: { goto: 'confirm' } }),
  steps: {
    confirm: {
      prompt: (ctx) => {
        const { labels } = ctx.content.ui;
        return [
          message(ctx.render('privacy/confirm-erase'), {
            choices: [
              { label: labels.eraseConfirm, value: 'erase:yes' },
              { label: labels.eraseCancel, value: 'erase:no' },
            ],
          }),
        ];
      },
      handle: (ctx, input) => {
        const { commands } = ctx.content.ui;
        if (input.value === 'erase:yes' || isCommand(input, 'yes', commands.yes)) {
          ctx.services.eraseAfterTurn(ctx.user.id);
          return { say: [message(ctx.render('privacy/erased'))], then: { end: true } };
        }
        if (input.value === 'erase:no' || isCommand(input, 'no', commands.no)) {
          return { say: [message(ctx.render('privacy/kept'))], then: { end: true } };
        }
        return { say: [message(ctx.render('commands/yes-or-no'))], then: { retry: true } };
      },
    },
  },
};
