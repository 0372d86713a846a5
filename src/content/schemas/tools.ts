import { z } from 'zod';
import { Id, Source, Text } from './shared.js';
import { MethodStepId } from './method.js';

// `content/tools.json`: the tool catalogue.

export const ToolKind = z.enum([
  'guide',
  'referentiel',
  'plateforme',
  'autodiagnostic',
  'mooc',
  'etude',
  'base-de-donnees',
  'parcours',
  'fiche',
  'centre-de-ressources',
  'programme',
  'tableau-de-bord',
  'vademecum',
  'animation',
  'rapport',
  'livre',
  'article',
]);

export const Tool = z.object({
  id: Id,
  title: Text,
  kind: ToolKind,
  publisher: Text.optional(),
  year: z.number().int().min(1970).max(2030).optional(),
  /** Exactly as a seed gives it (corrected only where another seed spells it right: see `note`). */
  url: z.url().optional(),
  /**
   * Where to find it, shown on its card: for a tool without `url`, the publisher's site or page
   * the seeds name; for a tool whose `url` is a shared homepage (a platform's), which page or
   * section of it. Written from the seeds only.
   */
  whereToFind: Text.optional(),
  note: Text.optional(),
  /** Actor ids the tool is meant for; empty means every actor. */
  audience: z.array(Id).default([]),
  /** Actor option ids (e.g. a company size) the tool fits best, when the seeds say so. */
  fits: z.array(Id).default([]),
  needs: z.array(Id).min(1),
  steps: z.array(MethodStepId).default([]),
  summary: Text,
  source: Source,
});

export const ToolsFile = z.object({ tools: z.array(Tool).min(1) });

export type Tool = z.infer<typeof Tool>;
export type ToolKind = z.infer<typeof ToolKind>;
