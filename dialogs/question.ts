import type { Dialog } from '../src/conversation/dialog-types.js';
import { message } from '../src/domain/out-message.js';

/**
 * « Poser une question »: every text is a question, answered by the turn (the step declares it
 * unrecognised, so the question answering takes it), then the next question is awaited.
 */
export const questionDialog: Dialog = {
  id: 'question',
  start: () => ({ then: { goto: 'ask' } }),
  steps: {
    ask: {
      prompt: (ctx) => [
        message(ctx.render('qa/ask', { again: ctx.data.again === true }), {
          choices: [{ label: ctx.content.ui.labels.menu, value: 'cmd:menu' }],
        }),
      ],
      handle: (ctx) => {
        ctx.data.again = true;
        return { then: { unrecognised: true } };
      },
    },
  },
};
