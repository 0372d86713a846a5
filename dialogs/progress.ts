import type { DialogContext } from '../src/conversation/dialog-types.js';
import type { Progress } from '../src/domain/out-message.js';

/** The series a question belongs to (worded by `progress/label`). */
export type Series = 'diagnosis' | 'objectives' | 'ecosystem' | 'evaluation';

/** Where the user stands in a series of questions (« Diagnostic 3/7 »), sent with the question. */
export function progress(ctx: Pick<DialogContext, 'render'>, of: Series, position: number, total: number): Progress {
  return { label: ctx.render('progress/label', { of }), position, total };
}
