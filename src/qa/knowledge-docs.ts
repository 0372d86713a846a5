import type { Content } from '../content/load-content.js';
import type { FollowUp, SeedFile } from '../content/schemas.js';

/** One answerable entry: an FAQ entry, or an entry of the content store seen as an answer. */
export interface KnowledgeDoc {
  id: string;
  kind: 'faq' | 'glossaire' | 'need' | 'tool' | 'category' | 'model' | 'objective' | 'function' | 'figure' | 'event' | 'programme' | 'measure' | 'jeudis';
  title: string;
  /** Ways of asking that should find it (FAQ phrasings, a need's questions). */
  questions: string[];
  /** The answer's main text, taken from the content as written. */
  text: string;
  /** Supporting lines (activities, examples, questions), indexed with less weight. */
  extra: string[];
  source: SeedFile[];
  link?: string;
  related: string[];
  next?: FollowUp;
  /** For entries of the content store: the dialog that works on it. */
  needId?: string;
}

/** Everything the bot can answer from, with stable ids (`faq:…`, `tool:…`, `need:…`...). */
export function knowledgeDocs(content: Content): KnowledgeDoc[] {
  const docs: KnowledgeDoc[] = [];
  for (const e of content.faq) {
    docs.push({ id: `faq:${e.id}`, kind: e.kind, title: e.title, questions: e.questions, text: e.answer, extra: [], source: e.source, link: e.link, related: e.related, next: e.next });
  }
  for (const n of content.needs) {
    docs.push({ id: `need:${n.id}`, kind: 'need', title: n.title, questions: n.questions, text: n.summary, extra: [n.shortTitle], source: n.source, related: [], next: 'diagnosis', needId: n.id });
  }
  for (const t of content.tools) {
    const kind = content.ui.toolKinds[t.kind];
    docs.push({
      id: `tool:${t.id}`,
      kind: 'tool',
      title: t.title,
      questions: [],
      text: t.summary,
      extra: [kind, t.publisher ?? '', ...t.needs.map((id) => content.needs.find((n) => n.id === id)?.shortTitle ?? '')].filter(Boolean),
      source: t.source,
      link: t.url,
      related: [],
    });
  }
  for (const c of content.method.categories) {
    docs.push({ id: `category:${c.id}`, kind: 'category', title: c.label, questions: [], text: c.description, extra: c.models.map((m) => m.label), source: c.source, related: c.models.map((m) => `model:${m.id}`).slice(0, 2), next: 'method' });
    for (const m of c.models) {
      docs.push({ id: `model:${m.id}`, kind: 'model', title: m.label, questions: [], text: m.definition, extra: [c.label, ...m.examples], source: m.source, related: [`category:${c.id}`], next: 'method' });
    }
  }
  for (const o of content.method.objectives) {
    docs.push({ id: `objective:${o.id}`, kind: 'objective', title: o.label, questions: [], text: o.description, extra: ['carré magique', 'objectif'], source: o.source, related: [`category:${o.category}`], next: 'method' });
  }
  for (const f of content.ecosystem.functions) {
    docs.push({ id: `function:${f.id}`, kind: 'function', title: f.label, questions: [], text: f.activities.join(' ; '), extra: f.examples.map((e) => e.name), source: f.source, related: [], next: 'method' });
  }
  for (const f of content.knowledge.figures) {
    // The id names what is counted (« associations-nombre »): its words help « combien d'associations ».
    docs.push({ id: `figure:${f.id}`, kind: 'figure', title: f.topic, questions: [], text: f.statement, extra: [f.value, f.id.replace(/-/g, ' ')], source: f.source, related: [] });
  }
  for (const e of content.knowledge.timeline) {
    docs.push({ id: `event:${e.id}`, kind: 'event', title: e.title, questions: [], text: e.description, extra: [e.period], source: e.source, related: [] });
  }
  for (const p of content.knowledge.observatoire.programmes) {
    docs.push({ id: `programme:${p.id}`, kind: 'programme', title: p.name, questions: [], text: p.description, extra: [p.period, ...p.phases], source: p.source, related: [] });
  }
  for (const m of content.knowledge.roadmap.measures) {
    docs.push({ id: `measure:${m.id}`, kind: 'measure', title: m.title, questions: [], text: m.description ?? m.title, extra: [`mesure ${m.number}`], source: m.source, related: [] });
  }
  const { jeudis } = content.knowledge;
  docs.push({ id: 'jeudis', kind: 'jeudis', title: "Les Jeudis de l'ODD 17", questions: [], text: jeudis.description, extra: [jeudis.prospectiveCycle], source: jeudis.source, related: [] });
  return docs;
}
