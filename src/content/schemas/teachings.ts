import { z } from 'zod';
import { Id, SeedPassage, Text } from './shared.js';

// `content/teachings.json`: what the seeds teach that no other file holds.

/** What the seeds teach that no other file holds: each entry answerable as a question. */
export const TeachingsFile = z.object({
  note: Text.optional(),
  teachings: z
    .array(
      z.object({
        id: Id,
        title: Text,
        /** The main text, faithful to the seed. */
        text: Text,
        /** Its parts (the 3 prismes, the 6 dimensions...), one line each. */
        points: z.array(Text).default([]),
        /** Ways a user may ask about it. */
        questions: z.array(Text).default([]),
        source: z.array(SeedPassage).min(1, 'au moins un passage des documents sources'),
      }),
    )
    .min(1),
});

export type TeachingsFile = z.infer<typeof TeachingsFile>;
