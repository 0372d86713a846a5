import type { Content } from '../../../content/content.js';
import { doc, type KnowledgeDoc } from '../knowledge-docs.js';

/** Parts of an example's name that people use alone (« Start Up de Territoire / Labo des partenariats d'Alsace »). */
function nameParts(name: string): string[] {
  const parts = name.split(/\s+\/\s+/);
  const withoutParens = name.replace(/\s*\([^)]*\)/g, '');
  const inParens = [...name.matchAll(/\(([^)]+)\)/g)].map((m) => m[1]!);
  return [...new Set([name, withoutParens, ...(parts.length > 1 ? parts : []), ...inParens])];
}

/** Step 3 of the method: the 4 functions, their inspiring examples, Paris Est Marne & Bois, the catalyseur. */
export function ecosystemDocs(content: Content): KnowledgeDoc[] {
  const { ecosystem, territories } = content;
  const regionOf = (code: string | undefined) => territories.regions.find((r) => code !== undefined && r.departements.includes(code));
  const territory = ecosystem.territoryExample;
  const docs: KnowledgeDoc[] = [];
  for (const f of ecosystem.functions) {
    docs.push(
      doc({
        id: `function:${f.id}`,
        kind: 'function',
        title: f.label,
        text: f.activities.join(' ; '),
        questions: f.synonyms,
        extra: f.examples.map((e) => e.name),
        names: [f.label],
        detail: {
          examples: f.examples.map((e) => ({ name: e.name, theme: e.theme, departement: e.departement })),
          territoryActor: territory.byFunction[f.id],
          territory: territory.name,
          territoryDepartement: territory.departement,
        },
        source: f.source,
        related: [`territory:${idOf(territory.name)}`],
        next: 'method',
      }),
    );
    for (const e of f.examples) {
      docs.push(
        doc({
          id: `example:${e.id}`,
          kind: 'example',
          title: e.name,
          // The function's activities are the function's entry's words: here they only help a little.
          text: [f.label, e.theme].filter(Boolean).join(' · '),
          extra: f.activities,
          names: nameParts(e.name),
          detail: { function: f.label, theme: e.theme, departement: e.departement, region: regionOf(e.departement)?.name, activities: f.activities },
          source: e.source,
          related: [`function:${f.id}`],
          next: 'method',
        }),
      );
    }
    const actor = territory.byFunction[f.id];
    if (actor) {
      docs.push(
        doc({
          id: `territory-actor:${f.id}`,
          kind: 'example',
          title: actor,
          text: [f.label, territory.name].join(' · '),
          extra: f.activities,
          names: nameParts(actor),
          detail: { function: f.label, territory: territory.name, departement: territory.departement, region: regionOf(territory.departement)?.name, activities: f.activities },
          source: territory.source,
          related: [`territory:${idOf(territory.name)}`, `function:${f.id}`],
          next: 'method',
        }),
      );
    }
  }
  docs.push(
    doc({
      id: `territory:${idOf(territory.name)}`,
      kind: 'territory',
      title: territory.name,
      text: ecosystem.functions.map((f) => `${f.label} : ${territory.byFunction[f.id] ?? '—'}`).join(' ; '),
      names: [territory.name],
      detail: {
        departement: territory.departement,
        byFunction: ecosystem.functions.filter((f) => territory.byFunction[f.id]).map((f) => ({ function: f.label, actor: territory.byFunction[f.id] })),
      },
      source: territory.source,
      related: ['faq:quatre-fonctions'],
      next: 'method',
    }),
  );
  docs.push(doc({ id: 'ecosystem:intro', kind: 'note', title: 'ecosystem:intro', text: ecosystem.intro.text, source: ecosystem.intro.source }));
  docs.push(doc({ id: 'ecosystem:catalyseur', kind: 'note', title: 'ecosystem:catalyseur', text: ecosystem.catalyseur.text, source: ecosystem.catalyseur.source }));
  return docs;
}

/** « Paris Est Marne & Bois » → paris-est-marne-bois. */
export function idOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
