import type { Content } from '../../content/content.js';
import type { ContentProblem } from '../../content/content-problem.js';
import { knowledgeDocs } from './knowledge-docs.js';

/** Kinds of entry with no title of their own: they must be merged into a titled entry (`search.json` sameSubject). */
const UNTITLED = new Set(['note', 'observatoire', 'jeudis']);

/**
 * Checks that what `search.json` says about answerable entries names entries that exist: the ids
 * of `aliases`, `sameSubject` and `overviews`, each entry in at most one subject, and that every
 * entry without a title of its own is merged into one that has one.
 */
export function checkSearchReferences(content: Content): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (path: string, message: string) => problems.push({ file: 'search.json', path, message });
  const docs = knowledgeDocs(content);
  const ids = new Set(docs.map((d) => d.id));
  const { search } = content;
  for (const id of Object.keys(search.aliases)) if (!ids.has(id)) add(`$.aliases.${id}`, `entrée inconnue « ${id} »`);
  search.overviews.forEach((id, i) => {
    if (!ids.has(id)) add(`$.overviews[${i}]`, `entrée inconnue « ${id} »`);
  });
  const grouped = new Map<string, string>();
  search.sameSubject.forEach((group, i) =>
    group.forEach((id, j) => {
      if (!ids.has(id)) add(`$.sameSubject[${i}][${j}]`, `entrée inconnue « ${id} »`);
      if (grouped.has(id)) add(`$.sameSubject[${i}][${j}]`, `« ${id} » figure déjà dans le sujet ${grouped.get(id)}`);
      grouped.set(id, `$.sameSubject[${i}]`);
    }),
  );
  const merged = new Set(search.sameSubject.flatMap((group) => group.slice(1)));
  for (const d of docs) {
    if (UNTITLED.has(d.kind) && !merged.has(d.id)) add('$.sameSubject', `l'entrée sans titre « ${d.id} » doit être rattachée à un sujet (après son premier élément)`);
  }
  content.faq.forEach((entry, i) =>
    entry.related.forEach((id, j) => {
      if (!ids.has(id)) problems.push({ file: 'faq.json', path: `$.entries[${i}].related[${j}]`, message: `entrée inconnue « ${id} »` });
    }),
  );
  return problems;
}
