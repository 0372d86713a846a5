import { z } from 'zod';
import { Id, Source, Text } from './shared.js';

// `content/knowledge.json`: key figures, history, programmes, roadmap, Jeudis.

export const KeyFigure = z.object({
  id: Id,
  /** The figure as the seed states it, e.g. "1,5 million d'associations". */
  statement: Text,
  value: Text,
  topic: Text,
  year: z.number().int().optional(),
  source: Source,
});

export const TimelineEvent = z.object({
  id: Id,
  period: Text,
  title: Text,
  description: Text,
  source: Source,
});

export const Programme = z.object({
  id: Id,
  name: Text,
  period: Text,
  description: Text,
  phases: z.array(Text).default([]),
  source: Source,
});

export const RoadmapMeasure = z.object({
  id: Id,
  number: z.number().int().min(1).max(21),
  kind: z.enum(['operationnelle', 'strategique', 'politique']),
  title: Text,
  description: Text.optional(),
  source: Source,
});

export const KnowledgeFile = z.object({
  figures: z.array(KeyFigure).min(1),
  timeline: z.array(TimelineEvent).min(1),
  observatoire: z.object({ description: Text, programmes: z.array(Programme).min(1), source: Source }),
  roadmap: z.object({
    description: Text,
    structuralObjectives: z.array(z.object({ id: Id, title: Text, description: Text, source: Source })).length(4),
    measures: z.array(RoadmapMeasure),
    /** What the 7 measures of each kind aim at and when they take effect, as the seed says it. */
    measureKinds: z
      .array(z.object({ kind: z.enum(['operationnelle', 'strategique', 'politique']), label: Text, description: Text, source: Source }))
      .default([]),
    source: Source,
  }),
  jeudis: z.object({
    description: Text,
    prospectiveCycle: Text,
    source: Source,
  }),
  inducedEffects: z.array(z.object({ id: Id, title: Text, description: Text, tools: z.array(Id).default([]), source: Source })).default([]),
});

export type KnowledgeFile = z.infer<typeof KnowledgeFile>;
