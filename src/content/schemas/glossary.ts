import { z } from 'zod';
import { SeedPassage, Text } from './shared.js';

// `content/glossary.json`: acronyms and the capitals words that are not.

/**
 * Acronyms, expanded at their first use in each message and page (« le CGET (Commissariat
 * général à l'égalité des territoires) »). `long` is the expansion; where a seed only names an
 * organisation without expanding it, `long` says what the seed says it is, not a guess.
 */
export const GlossaryFile = z.object({
  note: Text.optional(),
  acronyms: z
    .array(
      z.object({
        short: z.string().regex(/^[A-ZÀ-Ý][A-ZÀ-Ý0-9&-]{1,11}$/, 'sigle en capitales (2 à 12 caractères)'),
        long: Text,
        /** Where the seeds use it (and expand it, when they do). */
        source: z.array(SeedPassage).min(1, 'au moins un passage des documents sources'),
        /** Where the expansion comes from when no seed gives it (e.g. the organisation's official name). */
        expansionFrom: Text.optional(),
      }),
    )
    .min(1),
  /** Words in capitals that are not acronyms (a programme's name written in capitals, a surname...). */
  notAcronyms: z.array(z.string().min(2)).default([]),
});

export type GlossaryFile = z.infer<typeof GlossaryFile>;
