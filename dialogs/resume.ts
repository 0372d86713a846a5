import type { Dialog, DialogContext } from '../src/conversation/dialog-types.js';
import { buttonValue } from '../src/domain/button-values.js';
import { message } from '../src/domain/out-message.js';

/** Whether this browser's own conversation has something a switch would replace. */
function hasProgress(ctx: DialogContext): boolean {
  const { user } = ctx;
  return Boolean(user.profile.completedAt) || Object.keys(user.diagnosis.answers).length > 0 || Object.keys(user.method).length > 0;
}

/**
 * « J'ai un code de reprise », on the new device: the code given by « reprendre sur un autre
 * appareil » on the other one. Once the turn is saved, this browser is moved onto that
 * conversation (the page reconnects and shows it); what is typed here is never kept.
 */
export const resumeDialog: Dialog = {
  id: 'resume',
  start: (ctx) => {
    if (!ctx.services.resume.offers(ctx.user)) return { say: [message(ctx.render('resume/not-here'))], then: { end: true } };
    return { then: { goto: 'code' } };
  },
  steps: {
    code: {
      secret: true,
      prompt: (ctx) => [
        message(ctx.render('resume/ask-code', { replaces: hasProgress(ctx) }), {
          choices: [{ label: ctx.content.ui.labels.menu, value: buttonValue({ kind: 'command', command: 'menu' }) }],
        }),
      ],
      handle: (ctx, input) => {
        const result = ctx.services.resume.redeem(input.text, ctx.user.id, ctx.now);
        if (!result.ok) return { say: [message(ctx.render('resume/code-refused', { reason: result.reason }))], then: { retry: true } };
        return { say: [message(ctx.render('resume/accepted'))], then: { goto: 'moving' } };
      },
    },
    // The page is about to reconnect to the other conversation: nothing to ask meanwhile.
    moving: {
      prompt: () => [],
      handle: () => ({ then: { end: true } }),
    },
  },
};
