import type { Dialog } from '../src/conversation/dialog-types.js';
import { message } from '../src/domain/out-message.js';
import { yesNoStep } from './yes-no-step.js';

/** « supprimer mes données »: asks for confirmation, then erases everything once the turn is over. */
export const eraseDataDialog: Dialog = {
  id: 'erase-data',
  start: () => ({ then: { goto: 'confirm' } }),
  steps: {
    confirm: yesNoStep({
      question: (ctx) => ctx.render('privacy/confirm-erase'),
      yes: {
        label: (ctx) => ctx.content.ui.labels.eraseConfirm,
        value: { kind: 'erase-data', answer: 'yes' },
        then: (ctx) => {
          ctx.services.eraseAfterTurn(ctx.user.id);
          return { say: [message(ctx.render('privacy/erased'))], then: { end: true } };
        },
      },
      no: {
        label: (ctx) => ctx.content.ui.labels.eraseCancel,
        value: { kind: 'erase-data', answer: 'no' },
        then: (ctx) => ({ say: [message(ctx.render('privacy/kept'))], then: { end: true } }),
      },
    }),
  },
};
