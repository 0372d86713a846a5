import { z } from 'zod';
import { Id, Source, Text } from './shared.js';

// `content/actors.json`: actor types and the profile questions for each.

export const ActorOption = z.object({
  id: Id,
  label: Text,
  description: Text,
  /** What this kind of actor typically does in partnerships, when a seed says so. */
  typicalAction: Text.optional(),
  /** How the bot names a user who chose this option, e.g. « une association employeuse ». */
  phrase: Text.optional(),
  /** Other ways users type this answer (« que des bénévoles », « PME »), compared folded, typos tolerated. */
  synonyms: z.array(Text).default([]),
  /** The headcount this option stands for (« on est 40 » → PME), bounds included; no `max`: no upper bound. */
  headcount: z.object({ min: z.number().int().min(0), max: z.number().int().min(0).optional() }).optional(),
  source: Source,
});

/** A detail asked in the profile for one actor type (e.g. company size, volunteer-only or employer). */
export const ActorDimension = z.object({
  id: Id,
  question: Text,
  options: z.array(ActorOption).min(2),
});

export const Actor = z.object({
  id: Id,
  label: Text,
  description: Text,
  /** Entry point into partnerships that the seeds give for this actor, when they give one. */
  entryPoint: Text.optional(),
  /** How the bot names a user of this type, e.g. « une entreprise ». */
  phrase: Text.optional(),
  /** Other ways users name this type (« mairie », « asso », « boîte »), compared folded, typos tolerated. */
  synonyms: z.array(Text).default([]),
  dimensions: z.array(ActorDimension).default([]),
  source: Source,
});

export const ActorsFile = z.object({ actors: z.array(Actor).min(1) });

export type Actor = z.infer<typeof Actor>;
export type ActorDimension = z.infer<typeof ActorDimension>;
export type ActorOption = z.infer<typeof ActorOption>;
