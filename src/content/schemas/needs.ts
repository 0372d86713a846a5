import { z } from 'zod';
import { Id, Source, Text } from './shared.js';

// `content/needs.json`: the 7 needs, their questions, the self-assessment scale.

export const ScaleLevel = z.object({
  value: z.number().int().min(1),
  label: Text,
  description: Text,
  /** Typed answers that mean this level ("plutot oui", "moyen"...), compared accent- and case-folded. */
  synonyms: z.array(Text).default([]),
});

export const Need = z.object({
  id: Id,
  order: z.number().int().min(1),
  title: Text,
  shortTitle: Text,
  /** One or two sentences that introduce the need to the user. */
  summary: Text,
  /** The questions of the methodological kit, word for word. */
  questions: z.array(Text).min(1),
  /**
   * What helps answer this need's questions, offered as a button on the need (« La vision
   * systémique de l'utilité sociale » on need 7): `teaching:<id>` (teachings.json),
   * `induced-effect:<id>` (knowledge.json) or `observatoire` (the Observatoire's description).
   */
  learnMore: z
    .object({
      label: Text,
      items: z.array(z.string().regex(/^(?:teaching:[a-z0-9-]+|induced-effect:[a-z0-9-]+|observatoire)$/, 'teaching:<id>, induced-effect:<id> ou observatoire')).min(1),
    })
    .optional(),
  source: Source,
});

export const NeedsFile = z.object({
  /** Self-assessment scale shared by the 7 needs, from least to most advanced. */
  scale: z.array(ScaleLevel).min(2),
  needs: z.array(Need).min(1),
});

export type ScaleLevel = z.infer<typeof ScaleLevel>;
export type Need = z.infer<typeof Need>;
