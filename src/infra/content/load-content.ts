import { readFileSync } from 'node:fs';
import path from 'node:path';
import { contentFiles, type ContentFileName, type ParsedFiles } from '../../content/content-files.js';
import { assembleContent, type Content } from '../../content/content.js';
import { ContentError, jsonPath, type ContentProblem } from '../../content/content-problem.js';
import { checkTerritories } from './check-territories.js';
import { checkCrossReferences } from '../../content/cross-references.js';
import { checkTemplates } from '../templates/check-templates.js';
import { checkPhrasingReferences } from '../../domain/qa/check-phrasing-references.js';
import { checkSearchReferences } from '../../domain/qa/check-search-references.js';
import { checkEvaluationAnalysis } from '../../domain/method/check-evaluation-analysis.js';

export type { Content };

export type ContentResult = { ok: true; content: Content } | { ok: false; problems: ContentProblem[] };

function parseFile<F extends ContentFileName>(dir: string, file: F, problems: ContentProblem[]): ParsedFiles[F] | undefined {
  let raw: string;
  try {
    raw = readFileSync(path.join(dir, file), 'utf8');
  } catch (err) {
    problems.push({ file, path: '$', message: `fichier illisible (${(err as NodeJS.ErrnoException).code ?? String(err)})` });
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    problems.push({ file, path: '$', message: `JSON invalide : ${(err as Error).message}` });
    return undefined;
  }
  const result = contentFiles[file].safeParse(json);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push({ file, path: jsonPath(issue.path), message: issue.message });
    return undefined;
  }
  return result.data as ParsedFiles[F];
}

/** The content files as parsed (for checks that read them raw); assumes readContent found them valid. */
export function readParsedFiles(dir: string): ParsedFiles {
  const problems: ContentProblem[] = [];
  const parsed: Partial<ParsedFiles> = {};
  for (const file of Object.keys(contentFiles) as ContentFileName[]) (parsed as Record<string, unknown>)[file] = parseFile(dir, file, problems);
  return parsed as ParsedFiles;
}

/** Reads and validates every content file; lists all problems rather than stopping at the first. */
export function readContent(dir: string): ContentResult {
  const problems: ContentProblem[] = [];
  const parsed: Partial<ParsedFiles> = {};
  for (const file of Object.keys(contentFiles) as ContentFileName[]) {
    const data = parseFile(dir, file, problems);
    if (data !== undefined) (parsed as Record<string, unknown>)[file] = data;
  }
  problems.push(...checkTemplates(path.join(dir, 'templates')));
  if (problems.length > 0) return { ok: false, problems };

  const files = parsed as ParsedFiles;
  problems.push(...checkCrossReferences(files), ...checkTerritories(files['territories.json']));
  if (problems.length > 0) return { ok: false, problems };

  const content = assembleContent(dir, files);
  // What search.json says of answerable entries (aliases, subjects, overviews) needs the entries themselves.
  problems.push(...checkSearchReferences(content), ...checkPhrasingReferences(content), ...checkEvaluationAnalysis(content));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, content };
}

/** Like readContent, but throws a ContentError listing every problem. */
export function loadContent(dir: string): Content {
  const result = readContent(dir);
  if (!result.ok) throw new ContentError(result.problems);
  return result.content;
}
