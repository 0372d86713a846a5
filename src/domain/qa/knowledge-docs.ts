import type { Content } from '../../content/content.js';
import type { FollowUp, SeedFile } from '../../content/schemas.js';
import { evaluationDocs } from './docs/evaluation-docs.js';
import { ecosystemDocs } from './docs/ecosystem-docs.js';
import { knowledgeFileDocs } from './docs/knowledge-file-docs.js';
import { methodDocs } from './docs/method-docs.js';
import { actorDocs } from './docs/actor-docs.js';
import { teachingDocs } from './docs/teaching-docs.js';

export type DocKind =
  | 'faq'
  | 'glossaire'
  | 'need'
  | 'tool'
  | 'category'
  | 'model'
  | 'pair'
  | 'objective'
  | 'step'
  | 'entry-point'
  | 'note'
  | 'function'
  | 'example'
  | 'territory'
  | 'figure'
  | 'event'
  | 'programme'
  | 'observatoire'
  | 'measure'
  | 'structural-objective'
  | 'induced-effect'
  | 'jeudis'
  | 'evaluation'
  | 'angle'
  | 'impact'
  | 'actor'
  | 'actor-option'
  | 'teaching'
  | 'acronym';

/** One answerable entry: an FAQ entry, or an entry of the content store seen as an answer. */
export interface KnowledgeDoc {
  id: string;
  kind: DocKind;
  title: string;
  /** The name on a button when the title is too long for one (a FAQ's `shortTitle`, a need's short title). */
  shortTitle?: string;
  /** Ways of asking that should find it (FAQ phrasings, a need's questions). */
  questions: string[];
  /** The answer's main text, taken from the content as written. */
  text: string;
  /** Supporting lines (activities, examples, questions), indexed with less weight. */
  extra: string[];
  /**
   * Names that identify this entry when a question names them (a model, an example, a partner of
   * an example, « mesure 18 »): such a question gets this entry before any overview.
   */
  names: string[];
  /** What the answer template shows besides `text`, per kind (a model's category, a measure's number…). */
  detail: Record<string, unknown>;
  /** The actor types this entry is about (or meant for), for questions asked « pour moi ». */
  actors: string[];
  source: SeedFile[];
  link?: string;
  related: string[];
  next?: FollowUp;
  /** For entries of the content store: the dialog that works on it. */
  needId?: string;
}

/** A doc with the fields most kinds leave empty already set. */
export function doc(fields: Pick<KnowledgeDoc, 'id' | 'kind' | 'title' | 'text' | 'source'> & Partial<KnowledgeDoc>): KnowledgeDoc {
  return { questions: [], extra: [], names: [], detail: {}, actors: [], related: [], ...fields };
}

/** The words between « » of a title (« Guide « construire ensemble » » → construire ensemble): how people name it. */
export function quotedNames(title: string): string[] {
  return [...title.matchAll(/«\s*([^»]+?)\s*»/g)].map((m) => m[1]!);
}

/** Everything the bot can answer from, with stable ids (`faq:…`, `tool:…`, `model:…`, `example:…`...). */
export function knowledgeDocs(content: Content): KnowledgeDoc[] {
  const docs: KnowledgeDoc[] = [];
  for (const e of content.faq) {
    docs.push(
      doc({ id: `faq:${e.id}`, kind: e.kind, title: e.title, shortTitle: e.shortTitle, questions: e.questions, text: e.answer, names: [e.title, ...quotedNames(e.title)], source: e.source, link: e.link, related: e.related, next: e.next }),
    );
  }
  for (const n of content.needs) {
    docs.push(
      doc({ id: `need:${n.id}`, kind: 'need', title: n.title, shortTitle: n.shortTitle, questions: n.questions, text: n.summary, extra: [n.shortTitle], names: [n.title], detail: { order: n.order, count: content.needs.length }, source: n.source, next: 'diagnosis', needId: n.id }),
    );
  }
  for (const t of content.tools) {
    const kind = content.ui.toolKinds[t.kind];
    docs.push(
      doc({
        id: `tool:${t.id}`,
        kind: 'tool',
        title: t.title,
        text: t.summary,
        extra: [kind, t.publisher ?? '', ...t.needs.map((id) => content.needs.find((n) => n.id === id)?.shortTitle ?? '')].filter(Boolean),
        names: [t.title, ...quotedNames(t.title)],
        detail: { kindLabel: kind, publisher: t.publisher, year: t.year },
        actors: t.audience,
        source: t.source,
        link: t.url,
      }),
    );
  }
  docs.push(...methodDocs(content), ...ecosystemDocs(content), ...knowledgeFileDocs(content), ...evaluationDocs(content), ...actorDocs(content), ...teachingDocs(content));
  return docs;
}
