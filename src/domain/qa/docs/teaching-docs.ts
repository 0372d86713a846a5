import type { Content } from '../../../content/content.js';
import { doc, type KnowledgeDoc } from '../knowledge-docs.js';

/**
 * teachings.json (what the seeds teach that no other file holds) and glossary.json (the acronyms
 * and what they stand for): each teaching is an answerable entry with its points; each acronym
 * answers « c'est quoi le CGET ? » when no richer entry does (it weighs as a secondary kind).
 */
export function teachingDocs(content: Content): KnowledgeDoc[] {
  const files = (source: Array<{ file: KnowledgeDoc['source'][number] }>) => [...new Set(source.map((s) => s.file))];
  const teachings = (content.teachings ?? []).map((t) =>
    doc({ id: `teaching:${t.id}`, kind: 'teaching', title: t.title, text: t.text, extra: t.points, questions: t.questions, names: [t.title], detail: { points: t.points }, source: files(t.source) }),
  );
  const acronyms = (content.glossary?.acronyms ?? []).map((a) =>
    doc({ id: `acronym:${a.short}`, kind: 'acronym', title: a.short, text: a.long, names: [a.short], source: files(a.source) }),
  );
  return [...teachings, ...acronyms];
}
