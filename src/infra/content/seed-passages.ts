import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ParsedFiles } from '../../content/content-files.js';
import { jsonPath, type ContentProblem } from '../../content/content-problem.js';
import type { SeedPassage } from '../../content/schemas.js';

/**
 * The seed passages that glossary.json, teachings.json and the evaluation's analysis rules cite exist: the file is one of the
 * seeds and its lines are within it. Run by `content:check` where the seeds are (they are not
 * deployed with the server).
 */
export function checkSeedPassages(files: ParsedFiles, seedsDir: string): ContentProblem[] {
  const lineCounts = new Map<string, number>();
  const count = (file: string) => {
    if (!lineCounts.has(file)) {
      const full = path.join(seedsDir, file);
      lineCounts.set(file, existsSync(full) ? readFileSync(full, 'utf8').split('\n').length : 0);
    }
    return lineCounts.get(file)!;
  };
  const problems: ContentProblem[] = [];
  const check = (file: string, at: Array<string | number>, passage: SeedPassage) => {
    const lines = count(passage.file);
    if (lines === 0) problems.push({ file, path: jsonPath([...at, 'file']), message: `document source introuvable dans ${seedsDir}` });
    else if (passage.lines[1] > lines) problems.push({ file, path: jsonPath([...at, 'lines']), message: `lignes ${passage.lines.join('-')} : le document n'a que ${lines} lignes` });
  };
  files['glossary.json'].acronyms.forEach((a, i) => a.source.forEach((p, j) => check('glossary.json', ['acronyms', i, 'source', j], p)));
  files['teachings.json'].teachings.forEach((t, i) => t.source.forEach((p, j) => check('teachings.json', ['teachings', i, 'source', j], p)));
  files['evaluation.json'].analysis.rules.forEach((r, i) => r.source.forEach((p, j) => check('evaluation.json', ['analysis', 'rules', i, 'source', j], p)));
  return problems;
}
