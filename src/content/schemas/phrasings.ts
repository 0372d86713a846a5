import { z } from 'zod';
import { Text } from './shared.js';

// `content/phrasings.json`: questions as users asked them.

/**
 * Questions as users asked them, each with the entry (or the entries, for a comparison or a
 * question in two parts) whose answer holds what was asked: the alternative phrasings of an FAQ
 * bot. They teach the free-text answers the words people use (« sans se marcher dessus ») that the
 * entry's own text never says. Words users type: not shown, not checked by the writing rules.
 */
export const PhrasingsFile = z.object({
  note: Text,
  examples: z
    .array(
      z.object({
        /** The question as typed (typos, SMS, chat kept: that is what is learnt from). */
        q: Text,
        /** The ids of the entries that answer it (`faq:…`, `model:…`; those of `npm run eval:qa -- --details` and of the 👍 buttons). */
        entries: z.array(z.string().min(1)).min(1).max(3),
        /** Where the phrasing comes from (an evaluation question's id, « utilisateur 2026-02 »…): to trace it, never shown. */
        from: z.string().min(1).optional(),
      }),
    )
    .default([]),
  /**
   * Questions asked about the subject that the documents cannot answer (a budget, a list they only
   * count, a later result): a question nearly the same is told « je n'ai pas cette information ».
   */
  declined: z.array(z.object({ q: Text, from: z.string().min(1).optional() })).default([]),
});

export type PhrasingsFile = z.infer<typeof PhrasingsFile>;
