import { z } from 'zod';
import type { Dialog } from '../src/conversation/dialog-types.js';
import { buttonValue } from '../src/domain/button-values.js';
import { message } from '../src/domain/out-message.js';

const QuestionData = z.object({
  /** A question was asked already: the prompt says « une autre question ». */
  again: z.boolean().default(false),
});
type QuestionData = z.infer<typeof QuestionData>;

/**
 * « Poser une question »: every text is a question, answered by the turn (the step declares it
 * unrecognised, so the question answering takes it), then the next question is awaited.
 */
export const questionDialog: Dialog<QuestionData> = {
  id: 'question',
  data: QuestionData,
  start: () => ({ then: { goto: 'ask' } }),
  steps: {
    ask: {
      prompt: (ctx) => [
        message(ctx.render('qa/ask', { again: ctx.data.again }), {
          choices: [{ label: ctx.content.ui.labels.menu, value: buttonValue({ kind: 'command', command: 'menu' }) }],
        }),
      ],
      handle: (ctx) => {
        ctx.data.again = true;
        return { then: { unrecognised: true } };
      },
    },
  },
};
