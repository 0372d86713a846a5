import { readFileSync } from 'node:fs';
import path from 'node:path';
import { contentFiles, type ContentFileName, type ParsedFiles } from './content-files.js';
import { ContentError, jsonPath, type ContentProblem } from './content-problem.js';
import { checkCrossReferences } from './cross-references.js';
import { checkTemplates } from '../messages/check-templates.js';
import { checkPhrasingReferences } from '../qa/check-phrasing-references.js';
import { checkSearchReferences } from '../qa/check-search-references.js';

/** The whole content store, validated, as the rest of the code reads it. */
export type Content = {
  dir: string;
  actors: ParsedFiles['actors.json']['actors'];
  scale: ParsedFiles['needs.json']['scale'];
  needs: ParsedFiles['needs.json']['needs'];
  tools: ParsedFiles['tools.json']['tools'];
  method: ParsedFiles['method.json'];
  ecosystem: ParsedFiles['ecosystem.json'];
  evaluation: ParsedFiles['evaluation.json'];
  knowledge: ParsedFiles['knowledge.json'];
  territories: ParsedFiles['territories.json'];
  faq: ParsedFiles['faq.json']['entries'];
  sources: ParsedFiles['sources.json']['sources'];
  search: ParsedFiles['search.json'];
  ui: ParsedFiles['ui.json'];
  teamsApp: ParsedFiles['teams-app.json'];
  jeudis: ParsedFiles['jeudis.json'];
  glossary: ParsedFiles['glossary.json'];
  teachings: ParsedFiles['teachings.json']['teachings'];
  /** Questions as users asked them, with the entries that answer them (free-text answers learn from them). */
  phrasings: ParsedFiles['phrasings.json']['examples'];
  /** Questions near the subject that the documents cannot answer, as users asked them. */
  declinedPhrasings: ParsedFiles['phrasings.json']['declined'];
};

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
  problems.push(...checkCrossReferences(files));
  if (problems.length > 0) return { ok: false, problems };

  const content: Content = {
    dir,
    actors: files['actors.json'].actors,
    scale: files['needs.json'].scale,
    needs: [...files['needs.json'].needs].sort((a, b) => a.order - b.order),
    tools: files['tools.json'].tools,
    method: files['method.json'],
    ecosystem: files['ecosystem.json'],
    evaluation: files['evaluation.json'],
    knowledge: files['knowledge.json'],
    territories: files['territories.json'],
    faq: files['faq.json'].entries,
    sources: files['sources.json'].sources,
    search: files['search.json'],
    ui: files['ui.json'],
    teamsApp: files['teams-app.json'],
    jeudis: files['jeudis.json'],
    glossary: files['glossary.json'],
    teachings: files['teachings.json'].teachings,
    phrasings: files['phrasings.json'].examples,
    declinedPhrasings: files['phrasings.json'].declined,
  };
  // What search.json says of answerable entries (aliases, subjects, overviews) needs the entries themselves.
  problems.push(...checkSearchReferences(content), ...checkPhrasingReferences(content));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, content };
}

/** Like readContent, but throws a ContentError listing every problem. */
export function loadContent(dir: string): Content {
  const result = readContent(dir);
  if (!result.ok) throw new ContentError(result.problems);
  return result.content;
}
