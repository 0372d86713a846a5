import { z } from 'zod';
import { SeedFile, Text } from './shared.js';

// `content/sources.json`: the title and date of each seed document.

export const SourcesFile = z.object({
  sources: z.array(z.object({ file: SeedFile, title: Text, date: Text.optional() })).length(5),
});
