import { z } from 'zod';
import { Id, Passage, Source, Text } from './shared.js';

// `content/ecosystem.json`: step 3, the territorial ecosystem.

export const InspiringExample = z.object({
  id: Id,
  name: Text,
  theme: Text.optional(),
  /** Département number as the seed gives it ("13", "2A"...). */
  departement: z.string().regex(/^(?:\d{2,3}|2A|2B)$/).optional(),
  source: Source,
});

export const CoConstructionFunction = z.object({
  id: Id,
  label: Text,
  activities: z.array(Text).min(1),
  /** Other ways users name this function, compared folded, typos tolerated. */
  synonyms: z.array(Text).default([]),
  examples: z.array(InspiringExample).default([]),
  source: Source,
});

export const EcosystemFile = z.object({
  intro: Passage,
  catalyseur: Passage,
  functions: z.array(CoConstructionFunction).length(4),
  territoryExample: z.object({
    name: Text,
    departement: z.string(),
    /** function id → the actor or initiative that covers it on that territory. */
    byFunction: z.record(z.string(), Text),
    source: Source,
  }),
});

export type EcosystemFile = z.infer<typeof EcosystemFile>;
export type CoConstructionFunction = z.infer<typeof CoConstructionFunction>;
export type InspiringExample = z.infer<typeof InspiringExample>;
