import type { DialogContext, StepResult } from '../src/conversation/dialog-types.js';
import type { DialogId } from '../src/domain/dialog-ids.js';

/**
 * Every recommendation depends on the profile (an association must not be offered a tool for
 * companies): a dialog that leads to recommendations starts by finishing the profile when it is
 * incomplete, then opens itself again with the same arguments.
 */
export function profileFirst(ctx: DialogContext, dialogId: DialogId, args: Record<string, unknown> = {}): StepResult | undefined {
  if (ctx.user.profile.completedAt) return undefined;
  return { then: { switchTo: 'profile', args: { next: dialogId, nextArgs: args } } };
}
