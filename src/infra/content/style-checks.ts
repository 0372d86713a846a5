import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ParsedFiles } from '../../content/content-files.js';
import { jsonPath, type ContentProblem } from '../../content/content-problem.js';

/**
 * The rules a text shown to users must follow, checked in every content file and template:
 * - a dated fact says its date: « aujourd'hui », « en cours », « prévu »… written in a 2018–2022
 *   document is not true in 2026 without its year, in the same sentence;
 * - French typography that the renderer cannot guess: ordinals « 3e », « 1re » (not « 3ème »),
 *   « 82 % », « 9 h », « 5 800 » (not « 5.800 »); no-break spaces are added by the renderer;
 * - every acronym is in glossary.json (so that it is explained at its first use), or declared
 *   there as not an acronym.
 */
export function checkStyle(files: ParsedFiles, templatesDir: string): ContentProblem[] {
  const known = new Set([...files['glossary.json'].acronyms.map((a) => a.short), ...files['glossary.json'].notAcronyms]);
  const problems: ContentProblem[] = [];
  for (const [file, data] of Object.entries(files)) {
    if (NOT_SHOWN_FILES.has(file)) continue;
    walk(data, [], (text, at) => {
      if (isShown(file, at)) for (const message of textProblems(text, known)) problems.push({ file, path: jsonPath(at), message });
    });
  }
  for (const name of templateNames(templatesDir)) {
    const source = readFileSync(path.join(templatesDir, name), 'utf8');
    // Only what the template says itself: its tags and expressions are code.
    const prose = source.replace(/\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}|\{#[\s\S]*?#\}/g, ' ').replace(/<[^>]*>/g, ' ');
    for (const message of textProblems(prose, known)) problems.push({ file: `templates/${name}`, path: '$', message });
  }
  return problems;
}

/** Files that hold no text shown to users (words to understand, not to say). */
const NOT_SHOWN_FILES = new Set(['search.json', 'glossary.json', 'phrasings.json']);

/** Keys whose values are identifiers, addresses, words users type, or notes for authors. */
const NOT_SHOWN_KEYS = new Set(['id', 'url', 'link', 'source', 'file', 'lines', 'synonyms', 'aliases', 'note', 'notes', 'icon', 'accentColor', 'entityId', 'code', 'value', 'commands', 'understanding', 'weightWords', 'headcount', 'expansionFrom']);

function isShown(file: string, at: Array<string | number>): boolean {
  if (at.some((key) => typeof key === 'string' && NOT_SHOWN_KEYS.has(key))) return false;
  // The FAQ's phrasings are how users ask, not what the bot says.
  return !(file === 'faq.json' && at.includes('questions'));
}

function walk(value: unknown, at: Array<string | number>, visit: (text: string, at: Array<string | number>) => void): void {
  if (typeof value === 'string') visit(value, at);
  else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, i], visit));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...at, k], visit);
}

const DATED = /\b(aujourd['’]hui|en cours|prévue?s?|actuellement|à ce jour|désormais|récemment|à venir)\b/i;
const YEAR = /\b(19|20)\d{2}\b/;

export function textProblems(text: string, acronyms: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
    const dated = DATED.exec(sentence);
    if (dated && !YEAR.test(sentence)) problems.push(`fait daté sans son année (« ${dated[0]} ») : « ${excerpt(sentence)} »`);
  }
  const ordinal = /\b\d+(?:ème|eme|è)s?\b|\b1(?:ère|ere)\b/.exec(text);
  if (ordinal) problems.push(`ordinal « ${ordinal[0]} » : écrire 3e, 17e, 1re, 1er`);
  const percent = /\d%/.exec(text);
  if (percent) problems.push(`« ${percent[0]} » : écrire le nombre, une espace, puis % (« 82 % »)`);
  const hour = /\b\d{1,2}h(?:\d{2})?\b/.exec(text);
  if (hour) problems.push(`« ${hour[0]} » : écrire « 9 h » ou « 9 h 30 »`);
  const thousands = /\b\d{1,3}[.,]\d{3}(?![\d.,])/.exec(text);
  if (thousands && !/\d[.,]\d{3}\s*(?:km|kg|m|€)/.test(thousands[0])) problems.push(`« ${thousands[0]} » : séparer les milliers par une espace (« 5 800 »)`);
  const capitals = text.replace(/https?:\/\/\S+|www\.\S+/g, ' ').match(/(?<![\p{L}\p{N}])[A-ZÀ-Ý][A-ZÀ-Ý0-9&]+(?![\p{L}\p{N}])/gu) ?? [];
  for (const word of new Set(capitals)) {
    if (!acronyms.has(word)) problems.push(`sigle « ${word} » absent de glossary.json (à expliquer, ou à déclarer dans notAcronyms)`);
  }
  return problems;
}

function excerpt(sentence: string): string {
  const s = sentence.trim();
  return s.length > 90 ? `${s.slice(0, 87)}…` : s;
}

function templateNames(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? templateNames(path.join(dir, entry.name), `${prefix}${entry.name}/`) : entry.name.endsWith('.njk') ? [`${prefix}${entry.name}`] : [],
  );
}
