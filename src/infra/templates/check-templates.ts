import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { ContentProblem } from '../../content/content-problem.js';
import { createMessageEnvironment } from './template-environment.js';

function listTemplates(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listTemplates(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : entry.name.endsWith('.njk')
        ? [`${prefix}${entry.name}`]
        : [],
  );
}

/** Compiles every template so that a syntax error is reported at start-up, not mid-conversation. */
export function checkTemplates(dir: string): ContentProblem[] {
  let names: string[];
  try {
    names = listTemplates(dir);
  } catch (err) {
    return [{ file: 'templates/', path: '$', message: `dossier des modèles illisible (${(err as NodeJS.ErrnoException).code})` }];
  }
  const env = createMessageEnvironment(dir);
  const problems: ContentProblem[] = [];
  for (const name of names) {
    try {
      env.getTemplate(name, true);
    } catch (err) {
      const message = (err as Error).message.replace(/\s+/g, ' ').trim();
      problems.push({ file: `templates/${name}`, path: '$', message: `modèle invalide : ${message}` });
    }
  }
  return problems;
}
