import { z } from 'zod';
import { Id, Source, Text } from './shared.js';

// `content/faq.json`: glossary and FAQ entries for free-text questions.

/** Dialog a FAQ answer can lead to, offered as a follow-up button. */
export const FollowUp = z.enum(['diagnosis', 'method', 'evaluation', 'pairing', 'report']);

export const FaqEntry = z.object({
  id: Id,
  kind: z.enum(['glossaire', 'faq']),
  /** Short topic name, shown on suggestion buttons (« Le mécénat de compétences »). */
  title: Text,
  /** Ways users ask it; the first is the canonical question. */
  questions: z.array(Text).min(2),
  /** A concise answer, faithful to the source; never a figure the seeds do not give. */
  answer: Text,
  link: z.url().optional(),
  /** Ids of other answerable entries (`faq:…`, `tool:…`, `need:…`, `model:…`...). */
  related: z.array(z.string()).default([]),
  next: FollowUp.optional(),
  source: Source,
});

export const FaqFile = z.object({ entries: z.array(FaqEntry).min(1) });

export type FaqEntry = z.infer<typeof FaqEntry>;
export type FollowUp = z.infer<typeof FollowUp>;
