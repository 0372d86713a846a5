import { z } from 'zod';
import { Id, Passage, Source, Text } from './shared.js';

// `content/method.json`: steps 1 and 2 of the method (carré magique, categories and models, entry points).

/** Method steps, used by tools and the Jeudis' themes to say which step of the 3-step method (and the evaluation) they are about. */
export const MethodStepId = z.enum(['objectifs', 'modele', 'ecosysteme', 'evaluation']);

export const Objective = z.object({
  id: Id,
  label: Text,
  description: Text,
  /** The partnership category this objective points to, following the kit's rule. */
  category: Id,
  source: Source,
});

export const PartnershipModel = z.object({
  id: Id,
  label: Text,
  definition: Text,
  examples: z.array(Text).min(1),
  /** Words of a typed project description that point to this model (« mécénat de compétences »). */
  synonyms: z.array(Text).default([]),
  /** For authors: how the entry departs from the seed's wording (an example split, an abbreviation written out). */
  note: Text.optional(),
  source: Source,
});

/** An option's wording for one kind of actor (the kit words the models from the company's side). */
const ActorWording = z.object({ label: Text, hint: Text });

/** The question that tells the models of one category apart, each option naming its model. */
export const ModelDiscriminator = z.object({
  question: Text,
  options: z
    .array(
      z.object({
        label: Text,
        model: Id,
        hint: Text,
        /** Wording for other actor types (actor id → label and hint); `label`/`hint` are the company's. */
        byActor: z.record(z.string(), ActorWording).default({}),
      }),
    )
    .min(2),
  source: Source,
});

export const PartnershipCategory = z.object({
  id: Id,
  label: Text,
  /** What the category covers inside an organisation (processus, business model...). */
  covers: Text,
  description: Text,
  /** Other ways users name this category (« dons », « RSE »), compared folded, typos tolerated. */
  synonyms: z.array(Text).default([]),
  models: z.array(PartnershipModel).min(1),
  discriminator: ModelDiscriminator,
  source: Source,
});

export const EntryPoint = z.object({
  actor: Id,
  category: Id,
  description: Text,
  source: Source,
});

export const MethodFile = z.object({
  intro: Passage,
  steps: z
    .array(
      z.object({
        id: MethodStepId,
        order: z.number().int(),
        title: Text,
        summary: Text,
        /** Needs of the territory this step works on first: its tools are chosen for them. */
        needs: z.array(Id).min(1),
        source: Source,
      }),
    )
    .min(1),
  objectives: z.array(Objective).length(4),
  categories: z.array(PartnershipCategory).length(4),
  entryPoints: z.array(EntryPoint).default([]),
  /** How entry points lead to co-construction (innovation continuum), as prose. */
  continuum: z.array(z.object({ id: Id, text: Text, source: Source })).default([]),
  /**
   * Words that give an objective's weight (0 to 10) in step 1: « pas important » → 0,
   * « prioritaire » → 10. A typed number always wins over them.
   */
  weightWords: z.array(z.object({ value: z.number().int().min(0).max(10), synonyms: z.array(Text).min(1) })).default([]),
});

export type MethodStepId = z.infer<typeof MethodStepId>;
export type MethodFile = z.infer<typeof MethodFile>;
export type PartnershipCategory = z.infer<typeof PartnershipCategory>;
export type Objective = z.infer<typeof Objective>;
