import type { Content } from '../../../content/content.js';
import { doc, type KnowledgeDoc } from '../knowledge-docs.js';

/**
 * A partnership given as an example of a model (« Danone - Grameen Bank pour la création de… »):
 * its partners, when the example names them (« X - Y »), and what it was for.
 */
export function readPartnership(example: string): { partners: string[]; purpose?: string } | undefined {
  // « pour » starts the purpose (« pour la création de… », « pour améliorer… »), not a name (« Fondation pour l'enfance »).
  const [head, ...rest] = example.split(/\s+pour\s+(?=(?:la|le|les|améliorer|développer|créer)\s)/);
  const partners = head!
    .split(/\s+[-–]\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  // « La plupart des appels à projets des fondations » names no partner: not a partnership.
  if (partners.length < 2) return undefined;
  return { partners, purpose: rest.length > 0 ? rest.join(' ') : undefined };
}

/** Step 1 and 2 of the method: categories, models and their example partnerships, objectives, steps, entry points. */
export function methodDocs(content: Content): KnowledgeDoc[] {
  const { method } = content;
  const docs: KnowledgeDoc[] = [];
  for (const c of method.categories) {
    const objective = method.objectives.find((o) => o.category === c.id);
    docs.push(
      doc({
        id: `category:${c.id}`,
        kind: 'category',
        title: c.label,
        text: c.description,
        // The words users type for it at step 2 (`method.json` synonyms), shared with the choices' understanding.
        questions: c.synonyms,
        extra: c.models.map((m) => m.label),
        names: [c.label],
        detail: { covers: c.covers, models: c.models.map((m) => ({ label: m.label, definition: m.definition })), objective: objective?.label },
        source: c.source,
        related: c.models.map((m) => `model:${m.id}`).slice(0, 2),
        next: 'method',
      }),
    );
    for (const m of c.models) {
      // « Coopération économique » is both a category and one of its models: the category keeps the bare name.
      const names = m.label === c.label ? [`modèle ${m.label}`] : [m.label];
      docs.push(
        doc({
          id: `model:${m.id}`,
          kind: 'model',
          title: m.label,
          text: m.definition,
          // The kit's examples are how people recognise a model (« les appels à projets des fondations »),
          // and the words users type to describe their project at step 2 (`method.json` synonyms).
          questions: [...m.examples, ...m.synonyms],
          extra: [c.label],
          names,
          detail: { category: c.label, categoryCovers: c.covers, examples: m.examples },
          source: m.source,
          related: [`category:${c.id}`],
          next: 'method',
        }),
      );
      m.examples.forEach((example, i) => {
        const pair = readPartnership(example);
        if (!pair) return;
        const title = pair.partners.join(' – ');
        docs.push(
          doc({
            id: `pair:${m.id}-${i + 1}`,
            kind: 'pair',
            title,
            text: example,
            extra: [m.label, c.label],
            // Each partner alone names the example too: « et Jaccede, c'est quel modèle ? ».
            names: [title, ...pair.partners, ...pair.partners.map((p) => p.replace(/\s*\([^)]*\)/g, '').replace(/\.(com|org|fr)$/i, ''))],
            detail: { model: m.label, category: c.label, definition: m.definition, purpose: pair.purpose },
            source: m.source,
            related: [`model:${m.id}`, `category:${c.id}`],
            next: 'method',
          }),
        );
      });
    }
  }
  for (const o of method.objectives) {
    const category = method.categories.find((c) => c.id === o.category);
    docs.push(
      doc({
        id: `objective:${o.id}`,
        kind: 'objective',
        title: o.label,
        text: o.description,
        extra: ['carré magique', 'objectif'],
        names: [o.label],
        detail: { category: category?.label },
        source: o.source,
        related: [`category:${o.category}`],
        next: 'method',
      }),
    );
  }
  for (const s of method.steps) {
    docs.push(
      doc({
        id: `step:${s.id}`,
        kind: 'step',
        title: s.title,
        text: s.summary,
        names: [s.title, `étape ${s.order}`],
        detail: { order: s.order, count: method.steps.length },
        source: s.source,
        next: s.id === 'evaluation' ? 'evaluation' : 'method',
      }),
    );
  }
  for (const e of method.entryPoints) {
    const actor = content.actors.find((a) => a.id === e.actor);
    const category = method.categories.find((c) => c.id === e.category);
    docs.push(
      doc({
        id: `entry-point:${e.actor}`,
        kind: 'entry-point',
        title: `entry-point:${e.actor}`,
        text: e.description,
        extra: [category?.label ?? '', actor?.label ?? ''],
        detail: { category: category?.label, actor: actor?.label, actorPhrase: actor?.phrase },
        actors: [e.actor],
        source: e.source,
        related: [`category:${e.category}`],
        next: 'method',
      }),
    );
  }
  docs.push(doc({ id: 'method:intro', kind: 'note', title: 'method:intro', text: method.intro.text, source: method.intro.source }));
  for (const note of method.continuum) {
    docs.push(doc({ id: `continuum:${note.id}`, kind: 'note', title: `continuum:${note.id}`, text: note.text, source: note.source }));
  }
  return docs;
}
