import type { Content } from '../../content/content.js';
import type { RenderTemplate } from '../render-template.js';
import { nearbyExamples } from '../method/nearby-examples.js';
import { nearbyDepartements } from '../understanding/departements.js';
import type { QaOutcome } from './knowledge-index.js';

/** How many examples from further away are shown when none is near the user. */
const ELSEWHERE = 4;

/**
 * « Des exemples près de chez moi ? »: the kit's inspiring examples of the user's département,
 * then of the bordering départements (`nearbyDepartements`, from `territories.json` › neighbours),
 * then of its region (régions of `territories.json`), of the function the question names if it
 * names one; when none is near, a few from elsewhere, said plainly; without a département in the
 * profile, the examples by region and a way to give one.
 */
export function nearbyAnswer(
  content: Content,
  render: RenderTemplate,
  outcome: QaOutcome,
  place: { departement?: string; regionName?: string },
): { text: string; anchor: string; found: boolean } {
  const { departement } = place;
  const { ecosystem, territories } = content;
  const reading = outcome.status === 'empty' ? undefined : outcome.reading;
  const namedFunction = (reading?.named ?? []).find((id) => id.startsWith('function:'));
  const best = reading?.verdict === 'answer' ? reading.ranked[0]?.doc : undefined;
  const functionId = (namedFunction ?? (best?.kind === 'function' ? best.id : undefined))?.replace(/^function:/, '');
  const fn = ecosystem.functions.find((f) => f.id === functionId);
  const labelOf = (id: string) => ecosystem.functions.find((f) => f.id === id)?.label ?? id;
  const view = (p: (typeof placed)[number]) => ({ name: p.example.name, departement: p.example.departement, theme: p.example.theme, function: labelOf(p.functionId), region: p.regionName });
  // A region named in the question (« en Bretagne ») stands for the user's own.
  const named = territories.regions.find((r) => r.name === place.regionName);
  const region = named ?? territories.regions.find((r) => departement !== undefined && r.departements.includes(departement));
  const placed = nearbyExamples(ecosystem.functions, territories, departement ?? named?.departements[0], fn ? [fn.id] : []).map((p) =>
    named && p.proximity === 'departement' && p.example.departement !== departement ? { ...p, proximity: 'region' as const } : p,
  );
  const territory = ecosystem.territoryExample;
  const territoryNear =
    territory.departement === departement ||
    region?.departements.includes(territory.departement) === true ||
    (departement !== undefined && !named && nearbyDepartements(departement, territories).includes(territory.departement));
  const neighbours = new Set(departement && !named ? nearbyDepartements(departement, territories) : []);
  const isNeighbour = (p: (typeof placed)[number]) => p.proximity !== 'departement' && p.example.departement !== undefined && neighbours.has(p.example.departement);
  const near = placed.filter((p) => p.proximity !== 'ailleurs' || isNeighbour(p));
  const text = render('qa/nearby', {
    departement: named ? undefined : departement,
    region: region?.name,
    askedRegion: named !== undefined,
    function: fn?.label,
    inDepartement: placed.filter((p) => p.proximity === 'departement').map(view),
    inNeighbours: placed.filter(isNeighbour).map(view),
    inRegion: placed.filter((p) => p.proximity === 'region' && !isNeighbour(p)).map(view),
    elsewhere: near.length > 0 || territoryNear ? [] : placed.slice(0, ELSEWHERE).map(view),
    territory: territoryNear
      ? {
          name: territory.name,
          departement: territory.departement,
          byFunction: ecosystem.functions.filter((f) => territory.byFunction[f.id] && (!fn || f.id === fn.id)).map((f) => ({ function: f.label, actor: territory.byFunction[f.id] })),
        }
      : undefined,
    byRegion: departement || named ? [] : groupByRegion(placed.map(view)),
    source: territory.source.map((file) => content.sources.find((s) => s.file === file)?.title ?? file).join(' ; '),
  });
  const found = near.length > 0 || territoryNear || (!departement && !named);
  return { text, anchor: fn ? `function:${fn.id}` : 'faq:quatre-fonctions', found };
}

function groupByRegion<T extends { region?: string }>(items: T[]): Array<{ region: string; items: T[] }> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = item.region ?? '';
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups].map(([region, list]) => ({ region, items: list }));
}
