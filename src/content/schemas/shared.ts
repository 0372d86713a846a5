import { z } from 'zod';

/**
 * What the schemas of every content file share: ids, texts, and the sources every entry must
 * name (a seed file, or a passage of one). Each content file has its schema in a file of this
 * folder; `src/content/schemas.ts` gathers them (see there why).
 */

/** The seed file an entry was written from; every entry must be traceable to one. */
export const SeedFile = z.enum([
  '000_addb04da5863d196.txt',
  '001_56bd802f834b3c91.txt',
  '002_ba81404e8a057324.txt',
  '003_5f7db9ad5808ebbb.txt',
  '004_2ca2561172c527aa.txt',
]);

/** A stable identifier: stored answers and cross-references use it. */
export const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'identifiant attendu en kebab-case (a-z, 0-9, tirets)');
export const Text = z.string().trim().min(1, 'texte vide');
export const Source = z.array(SeedFile).min(1, 'au moins un document source');

/** A passage of prose taken from the seeds. */
export const Passage = z.object({ text: Text, source: Source });

/** A passage of a seed: the file and its lines (1-based, inclusive), checked by content:check. */
export const SeedPassage = z.object({
  file: SeedFile,
  lines: z.tuple([z.number().int().min(1), z.number().int().min(1)]).refine(([from, to]) => from <= to, 'lignes : début après la fin'),
});

export type SeedFile = z.infer<typeof SeedFile>;
export type SeedPassage = z.infer<typeof SeedPassage>;
