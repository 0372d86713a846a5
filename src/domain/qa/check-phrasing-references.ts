import type { Content } from '../../content/content.js';
import type { ContentProblem } from '../../content/content-problem.js';
import { fold } from '../../text/fold.js';
import { knowledgeDocs } from './knowledge-docs.js';

/**
 * Checks `phrasings.json`: every example names entries that exist (an id of `npm run eval:qa --
 * --details`, a near-duplicate's id counting as its subject's), no entry twice in one example, and
 * no question twice (a second copy would count double in the vote of the examples).
 */
export function checkPhrasingReferences(content: Content): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (path: string, message: string) => problems.push({ file: 'phrasings.json', path, message });
  const ids = new Set(knowledgeDocs(content).map((d) => d.id));
  const seen = new Map<string, number>();
  content.phrasings.forEach((example, i) => {
    example.entries.forEach((id, j) => {
      if (!ids.has(id)) add(`$.examples[${i}].entries[${j}]`, `entrée inconnue « ${id} »`);
      if (example.entries.indexOf(id) !== j) add(`$.examples[${i}].entries[${j}]`, `« ${id} » déjà nommée dans cet exemple`);
    });
    const key = fold(example.q).replace(/\s+/g, ' ').trim();
    const first = seen.get(key);
    if (first !== undefined) add(`$.examples[${i}].q`, `question déjà donnée en $.examples[${first}]`);
    else seen.set(key, i);
  });
  return problems;
}
