import { z } from 'zod';
import { Text } from './shared.js';

// `content/territories.json`: régions, départements, neighbours and other names.

const DepartementCode = z.string().regex(/^(?:\d{2}|2A|2B|97[1-46])$/, 'code de département attendu');

/** Administrative regions, used only to show nearby inspiring examples first. */
export const TerritoriesFile = z.object({
  note: Text,
  regions: z.array(z.object({ code: z.string(), name: Text, departements: z.array(DepartementCode).min(1) })).min(1),
  /**
   * Départements that share a border (both ways; checked by content:check against the official
   * list of départements): « près de chez moi ». Overseas départements have none.
   */
  neighbours: z.record(DepartementCode, z.array(DepartementCode)).default({}),
  /** Other names users give a département (« le 9-3 », « la Corse du Sud »): code → names. */
  aliases: z.record(DepartementCode, z.array(Text)).default({}),
});

export type TerritoriesFile = z.infer<typeof TerritoriesFile>;
