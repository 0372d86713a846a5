import { z } from 'zod';

/** One entry of a user's dialog stack, stored so that a restart resumes at the same step. */
export const DialogFrame = z.object({
  dialog: z.string().min(1),
  step: z.string().min(1),
  data: z.record(z.string(), z.unknown()).default({}),
  /** Invalid answers given at the current step. */
  attempts: z.number().int().min(0).default(0),
  /** Step of this dialog to prompt again when the child dialog started above it ends. */
  resumeAt: z.string().optional(),
});

export type DialogFrame = z.infer<typeof DialogFrame>;
