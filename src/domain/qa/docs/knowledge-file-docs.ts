import type { Content } from '../../../content/content.js';
import { doc, quotedNames, type KnowledgeDoc } from '../knowledge-docs.js';

/** knowledge.json: key figures, history, the Observatoire and its programmes, the roadmap, the Jeudis, induced effects. */
export function knowledgeFileDocs(content: Content): KnowledgeDoc[] {
  const { knowledge } = content;
  const docs: KnowledgeDoc[] = [];
  for (const f of knowledge.figures) {
    // The id names what is counted (« associations-nombre »): its words help « combien d'associations ».
    docs.push(doc({ id: `figure:${f.id}`, kind: 'figure', title: f.topic, text: f.statement, extra: [f.value, f.id.replace(/-/g, ' ')], detail: { value: f.value, year: f.year }, source: f.source }));
  }
  for (const e of knowledge.timeline) {
    docs.push(doc({ id: `event:${e.id}`, kind: 'event', title: e.title, text: e.description, extra: [e.period], names: [e.period, ...quotedNames(e.title)], detail: { period: e.period }, source: e.source }));
  }
  const { observatoire, roadmap } = knowledge;
  docs.push(doc({ id: 'observatoire', kind: 'observatoire', title: 'observatoire', text: observatoire.description, source: observatoire.source }));
  for (const p of observatoire.programmes) {
    docs.push(
      doc({
        id: `programme:${p.id}`,
        kind: 'programme',
        title: p.name,
        text: p.description,
        extra: [p.period],
        names: [p.name, `programme ${p.name}`, `étude ${p.name}`, ...quotedNames(p.name), ...[...p.name.matchAll(/\(([^)]+)\)/g)].map((m) => m[1]!)],
        detail: { period: p.period, phases: p.phases },
        source: p.source,
        related: ['faq:observatoire-partenariats'],
      }),
    );
  }
  docs.push(doc({ id: 'roadmap', kind: 'note', title: 'roadmap', text: roadmap.description, source: roadmap.source }));
  roadmap.structuralObjectives.forEach((o, i) => {
    docs.push(
      doc({
        id: `structural-objective:${o.id}`,
        kind: 'structural-objective',
        title: o.title,
        text: o.description,
        names: [o.title, `objectif structurel ${i + 1}`],
        detail: { order: i + 1, count: roadmap.structuralObjectives.length },
        source: o.source,
        related: ['faq:feuille-de-route'],
      }),
    );
  });
  for (const m of roadmap.measures) {
    const kind = roadmap.measureKinds.find((k) => k.kind === m.kind);
    docs.push(
      doc({
        id: `measure:${m.id}`,
        kind: 'measure',
        title: m.title,
        text: m.description ?? m.title,
        extra: [kind?.label ?? m.kind],
        names: [`mesure ${m.number}`, m.title, ...quotedNames(m.title)],
        detail: { number: m.number, measure: m.title, kindLabel: kind?.label ?? m.kind, kindDescription: kind?.description, count: roadmap.measures.length },
        source: m.source,
        related: ['faq:feuille-de-route'],
      }),
    );
  }
  const { jeudis } = knowledge;
  docs.push(doc({ id: 'jeudis', kind: 'jeudis', title: 'jeudis', text: jeudis.description, extra: [jeudis.prospectiveCycle], source: jeudis.source }));
  for (const e of knowledge.inducedEffects) {
    docs.push(
      doc({
        id: `induced-effect:${e.id}`,
        kind: 'induced-effect',
        title: e.title,
        text: e.description,
        extra: ['effet induit', 'conséquence induite'],
        detail: { count: knowledge.inducedEffects.length },
        source: e.source,
        related: ['faq:quatre-effets', ...e.tools.map((t) => `tool:${t}`)],
      }),
    );
  }
  return docs;
}
