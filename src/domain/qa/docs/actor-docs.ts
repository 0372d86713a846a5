import type { Content } from '../../../content/content.js';
import { doc, type KnowledgeDoc } from '../knowledge-docs.js';

/** actors.json: each type of actor and each profile option (TPE, PME, association employeuse…) with what the seeds say of it. */
export function actorDocs(content: Content): KnowledgeDoc[] {
  const docs: KnowledgeDoc[] = [];
  for (const a of content.actors) {
    docs.push(
      doc({
        id: `actor:${a.id}`,
        kind: 'actor',
        title: a.label,
        text: a.description,
        questions: a.synonyms,
        extra: a.entryPoint ? [a.entryPoint] : [],
        detail: { entryPoint: a.entryPoint },
        actors: [a.id],
        source: a.source,
        related: [`entry-point:${a.id}`].filter((id) => content.method.entryPoints.some((e) => `entry-point:${e.actor}` === id)),
      }),
    );
    for (const d of a.dimensions) {
      for (const o of d.options) {
        // « PME (petite ou moyenne entreprise) »: the acronym and the words in brackets each name it.
        const inParens = [...o.label.matchAll(/\(([^)]+)\)/g)].map((m) => m[1]!);
        const bare = o.label.replace(/\s*\([^)]*\)/g, '');
        docs.push(
          doc({
            id: `actor-option:${o.id}`,
            kind: 'actor-option',
            title: o.label,
            text: o.description,
            questions: o.synonyms,
            extra: [a.label, ...(o.typicalAction ? [o.typicalAction] : [])],
            names: inParens.length > 0 ? [bare, ...inParens] : [],
            detail: { actor: a.label, typicalAction: o.typicalAction },
            actors: [a.id],
            source: o.source,
            related: [`actor:${a.id}`],
          }),
        );
      }
    }
  }
  return docs;
}
