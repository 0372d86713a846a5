import type { ContentProblem } from './content-problem.js';
import type { ParsedFiles } from './content-files.js';

/**
 * Checks what zod cannot see file by file: ids unique, and every id that points to another
 * entry (a tool's need, an objective's category...) pointing to one that exists.
 */
export function checkCrossReferences(files: ParsedFiles): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (file: string, path: string, message: string) => problems.push({ file, path, message });

  const unique = (file: string, base: string, ids: string[]) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) add(file, `${base}[${i}].id`, `identifiant en double « ${id} »`);
      seen.add(id);
    });
  };

  const { actors } = files['actors.json'];
  const { needs, scale } = files['needs.json'];
  const { tools } = files['tools.json'];
  const method = files['method.json'];
  const ecosystem = files['ecosystem.json'];
  const knowledge = files['knowledge.json'];

  const actorIds = new Set(actors.map((a) => a.id));
  const optionIds = new Set(actors.flatMap((a) => a.dimensions.flatMap((d) => d.options.map((o) => o.id))));
  const needIds = new Set(needs.map((n) => n.id));
  const toolIds = new Set(tools.map((t) => t.id));
  const categoryIds = new Set(method.categories.map((c) => c.id));
  const functionIds = new Set(ecosystem.functions.map((f) => f.id));

  unique('actors.json', '$.actors', actors.map((a) => a.id));
  const allOptions = actors.flatMap((a) => a.dimensions.flatMap((d) => d.options.map((o) => o.id)));
  if (new Set(allOptions).size !== allOptions.length) {
    actors.forEach((a, ai) =>
      a.dimensions.forEach((d, di) =>
        d.options.forEach((o, oi) => {
          if (allOptions.filter((x) => x === o.id).length > 1)
            add('actors.json', `$.actors[${ai}].dimensions[${di}].options[${oi}].id`, `identifiant en double « ${o.id} »`);
        }),
      ),
    );
  }
  unique('needs.json', '$.needs', needs.map((n) => n.id));
  unique('tools.json', '$.tools', tools.map((t) => t.id));
  unique('method.json', '$.categories', method.categories.map((c) => c.id));
  unique('ecosystem.json', '$.functions', ecosystem.functions.map((f) => f.id));

  scale.forEach((level, i) => {
    if (level.value !== i + 1) add('needs.json', `$.scale[${i}].value`, `niveau ${i + 1} attendu (échelle croissante à partir de 1)`);
  });
  needs.forEach((need, i) => {
    if (needs.findIndex((n) => n.order === need.order) !== i)
      add('needs.json', `$.needs[${i}].order`, `ordre en double ${need.order}`);
  });

  tools.forEach((tool, i) => {
    tool.needs.forEach((id, j) => {
      if (!needIds.has(id)) add('tools.json', `$.tools[${i}].needs[${j}]`, `besoin inconnu « ${id} »`);
    });
    tool.audience.forEach((id, j) => {
      if (!actorIds.has(id)) add('tools.json', `$.tools[${i}].audience[${j}]`, `type d'acteur inconnu « ${id} »`);
    });
    tool.fits.forEach((id, j) => {
      if (!optionIds.has(id)) add('tools.json', `$.tools[${i}].fits[${j}]`, `option de profil inconnue « ${id} »`);
    });
  });
  needs.forEach((need, i) => {
    if (!tools.some((t) => t.needs.includes(need.id)))
      add('needs.json', `$.needs[${i}]`, `aucun outil du catalogue ne répond au besoin « ${need.id} »`);
  });

  method.steps.forEach((step, i) =>
    step.needs.forEach((id, j) => {
      if (!needIds.has(id)) add('method.json', `$.steps[${i}].needs[${j}]`, `besoin inconnu « ${id} »`);
    }),
  );
  method.objectives.forEach((o, i) => {
    if (!categoryIds.has(o.category)) add('method.json', `$.objectives[${i}].category`, `catégorie inconnue « ${o.category} »`);
  });
  method.entryPoints.forEach((e, i) => {
    if (!actorIds.has(e.actor)) add('method.json', `$.entryPoints[${i}].actor`, `type d'acteur inconnu « ${e.actor} »`);
    if (!categoryIds.has(e.category)) add('method.json', `$.entryPoints[${i}].category`, `catégorie inconnue « ${e.category} »`);
  });
  method.categories.forEach((category, i) => {
    const models = new Set(category.models.map((m) => m.id));
    category.discriminator.options.forEach((option, j) => {
      if (!models.has(option.model))
        add('method.json', `$.categories[${i}].discriminator.options[${j}].model`, `modèle inconnu dans cette catégorie « ${option.model} »`);
    });
    category.models.forEach((model, j) => {
      if (!category.discriminator.options.some((o) => o.model === model.id))
        add('method.json', `$.categories[${i}].models[${j}]`, `aucune réponse de la question discriminante ne mène au modèle « ${model.id} »`);
    });
  });
  const knownDepartements = new Set(files['territories.json'].regions.flatMap((r) => r.departements));
  ecosystem.functions.forEach((fn, i) =>
    fn.examples.forEach((example, j) => {
      if (example.departement && !knownDepartements.has(example.departement))
        add('ecosystem.json', `$.functions[${i}].examples[${j}].departement`, `département inconnu « ${example.departement} »`);
    }),
  );
  method.categories.forEach((category, i) =>
    category.discriminator.options.forEach((option, j) =>
      Object.keys(option.byActor).forEach((actor) => {
        if (!actorIds.has(actor)) add('method.json', `$.categories[${i}].discriminator.options[${j}].byActor.${actor}`, `type d'acteur inconnu « ${actor} »`);
      }),
    ),
  );
  Object.keys(ecosystem.territoryExample.byFunction).forEach((id) => {
    if (!functionIds.has(id)) add('ecosystem.json', `$.territoryExample.byFunction.${id}`, `fonction inconnue « ${id} »`);
  });
  const teachingIds = new Set(files['teachings.json'].teachings.map((t) => t.id));
  const effectIds = new Set(knowledge.inducedEffects.map((e) => e.id));
  unique('teachings.json', '$.teachings', [...files['teachings.json'].teachings.map((t) => t.id)]);
  needs.forEach((need, i) =>
    need.learnMore?.items.forEach((item, j) => {
      const [kind, id = ''] = item.split(':');
      const known = kind === 'teaching' ? teachingIds.has(id) : kind === 'induced-effect' ? effectIds.has(id) : true;
      if (!known) add('needs.json', `$.needs[${i}].learnMore.items[${j}]`, `entrée inconnue « ${item} »`);
    }),
  );
  knowledge.inducedEffects.forEach((effect, i) =>
    effect.tools.forEach((id, j) => {
      if (!toolIds.has(id)) add('knowledge.json', `$.inducedEffects[${i}].tools[${j}]`, `outil inconnu « ${id} »`);
    }),
  );

  const answerable = new Set([
    ...files['faq.json'].entries.map((e) => `faq:${e.id}`),
    ...needs.map((n) => `need:${n.id}`),
    ...tools.map((t) => `tool:${t.id}`),
    ...method.categories.flatMap((c) => [`category:${c.id}`, ...c.models.map((m) => `model:${m.id}`)]),
    ...method.objectives.map((o) => `objective:${o.id}`),
    ...ecosystem.functions.map((f) => `function:${f.id}`),
    ...knowledge.figures.map((f) => `figure:${f.id}`),
    ...knowledge.timeline.map((e) => `event:${e.id}`),
    ...knowledge.observatoire.programmes.map((p) => `programme:${p.id}`),
    ...knowledge.roadmap.measures.map((m) => `measure:${m.id}`),
    'jeudis',
  ]);
  unique('faq.json', '$.entries', files['faq.json'].entries.map((e) => e.id));
  files['faq.json'].entries.forEach((entry, i) =>
    entry.related.forEach((id, j) => {
      if (!answerable.has(id)) add('faq.json', `$.entries[${i}].related[${j}]`, `entrée inconnue « ${id} »`);
    }),
  );

  const jeudis = files['jeudis.json'];
  unique('jeudis.json', '$.themes', jeudis.themes.map((t) => t.id));
  jeudis.themes.forEach((theme, i) => {
    if (theme.kind === 'need' && !needIds.has(theme.need)) add('jeudis.json', `$.themes[${i}].need`, `besoin inconnu « ${theme.need} »`);
  });
  if (!needIds.has(jeudis.prospective.need)) add('jeudis.json', '$.prospective.need', `besoin inconnu « ${jeudis.prospective.need} »`);
  if (!jeudis.hours.includes(jeudis.defaultHour)) add('jeudis.json', '$.defaultHour', 'doit figurer dans hours');

  return problems;
}
