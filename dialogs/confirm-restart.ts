import type { Dialog } from '../src/conversation/dialog-types.js';
import { message } from '../src/domain/out-message.js';
import { yesNoStep } from './yes-no-step.js';

/** « recommencer » erases the diagnosis answers, so it asks first; « non » resumes where the user was. */
export const confirmRestartDialog: Dialog = {
  id: 'confirm-restart',
  start: () => ({ then: { goto: 'confirm' } }),
  steps: {
    confirm: yesNoStep({
      question: (ctx) => ctx.render('commands/restart-confirm', { answered: Object.keys(ctx.user.diagnosis.answers).length }),
      yes: { label: (ctx) => ctx.content.ui.labels.yes, value: { kind: 'confirm-restart', answer: 'yes' }, then: () => ({ then: { switchTo: 'diagnosis', args: { fresh: true } } }) },
      no: {
        label: (ctx) => ctx.content.ui.labels.no,
        value: { kind: 'confirm-restart', answer: 'no' },
        then: (ctx) => ({ say: [message(ctx.render('commands/restart-kept'))], then: { end: true } }),
      },
    }),
  },
};
