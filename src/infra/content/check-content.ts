import { existsSync } from 'node:fs';
import path from 'node:path';
import { readContent, readParsedFiles, type ContentResult } from './load-content.js';
import { checkSeedPassages } from './seed-passages.js';
import { checkStyle } from './style-checks.js';

const DEFAULT_SEEDS = path.resolve('..', 'shared', 'seeds');

/**
 * Everything `npm run content:check` enforces: the start-up validation (schemas, cross
 * references, templates), then the writing rules and the seed passages. The writing rules are not
 * run at start-up: a server does not refuse to start over a missing year, an author's check does.
 */
export function checkContent(dir: string, seedsDir?: string): ContentResult {
  const result = readContent(dir);
  if (!result.ok) return result;
  const files = readParsedFiles(dir);
  const seeds = seedsDir ?? (existsSync(DEFAULT_SEEDS) ? DEFAULT_SEEDS : undefined);
  const problems = [...checkStyle(files, path.join(dir, 'templates')), ...(seeds ? checkSeedPassages(files, seeds) : [])];
  return problems.length > 0 ? { ok: false, problems } : result;
}
