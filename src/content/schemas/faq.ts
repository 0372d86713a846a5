import { z } from 'zod';
import { Id, Source, Text } from './shared.js';
import { MAX_BUTTON_LABEL } from '../../text/short-label.js';

// `content/faq.json`: glossary and FAQ entries for free-text questions.

/** Dialog a FAQ answer can lead to, offered as a follow-up button. */
export const FollowUp = z.enum(['diagnosis', 'method', 'evaluation', 'pairing', 'report']);

export const FaqEntry = z.object({
  id: Id,
  kind: z.enum(['glossaire', 'faq']),
  /** Topic name (« Le mécénat de compétences »), shown in answers and on suggestion buttons. */
  title: Text,
  /**
   * The topic's name on a button when `title` is longer than a button shows whole (Teams clips
   * past 40 characters): required then, and the answer's text still gives the whole title.
   */
  shortTitle: Text.refine((t) => [...t].length <= MAX_BUTTON_LABEL, `au plus ${MAX_BUTTON_LABEL} caractères (un bouton de Teams coupe au-delà)`).optional(),
  /** Ways users ask it; the first is the canonical question. */
  questions: z.array(Text).min(2),
  /** A concise answer, faithful to the source; never a figure the seeds do not give. */
  answer: Text,
  link: z.url().optional(),
  /** Ids of other answerable entries (`faq:…`, `tool:…`, `need:…`, `model:…`...). */
  related: z.array(z.string()).default([]),
  next: FollowUp.optional(),
  source: Source,
}).refine((e) => [...e.title].length <= MAX_BUTTON_LABEL || e.shortTitle !== undefined, {
  path: ['shortTitle'],
  message: `requis quand le titre dépasse ${MAX_BUTTON_LABEL} caractères (un bouton de Teams coupe au-delà)`,
});

export const FaqFile = z.object({ entries: z.array(FaqEntry).min(1) });

export type FaqEntry = z.infer<typeof FaqEntry>;
export type FollowUp = z.infer<typeof FollowUp>;
