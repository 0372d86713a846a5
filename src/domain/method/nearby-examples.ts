import type { CoConstructionFunction, InspiringExample, TerritoriesFile } from '../../content/schemas.js';

export type Proximity = 'departement' | 'region' | 'ailleurs';

export interface PlacedExample {
  example: InspiringExample;
  functionId: string;
  proximity: Proximity;
  regionName?: string;
}

const RANK: Record<Proximity, number> = { departement: 0, region: 1, ailleurs: 2 };

/**
 * Inspiring examples of the functions asked for (all functions when none), those of the user's
 * département first, then of its region, then the others; the kit's order within each group.
 */
export function nearbyExamples(
  functions: CoConstructionFunction[],
  territories: TerritoriesFile,
  departement: string | undefined,
  functionIds: string[] = [],
): PlacedExample[] {
  const regionOf = (code: string | undefined) => territories.regions.find((r) => code && r.departements.includes(code));
  const userRegion = regionOf(departement);
  const wanted = functionIds.length > 0 ? functions.filter((f) => functionIds.includes(f.id)) : functions;
  return wanted
    .flatMap((fn) =>
      fn.examples.map((example) => {
        const region = regionOf(example.departement);
        const proximity: Proximity =
          departement && example.departement === departement
            ? 'departement'
            : userRegion && region === userRegion
              ? 'region'
              : 'ailleurs';
        return { example, functionId: fn.id, proximity, regionName: region?.name };
      }),
    )
    .map((placed, order) => ({ placed, order }))
    .sort((a, b) => RANK[a.placed.proximity] - RANK[b.placed.proximity] || a.order - b.order)
    .map(({ placed }) => placed);
}

/**
 * What step 3 shows: examples of the functions the user needs (nearest first, at most `max`),
 * and examples of other functions found in the user's département or region.
 */
export function examplesForUser(
  functions: CoConstructionFunction[],
  territories: TerritoriesFile,
  departement: string | undefined,
  needed: string[],
  max: number,
): { forNeeds: PlacedExample[]; nearbyOthers: PlacedExample[] } {
  const forNeeds = nearbyExamples(functions, territories, departement, needed).slice(0, max);
  const shown = new Set(forNeeds.map((e) => e.example.id));
  const nearbyOthers = nearbyExamples(functions, territories, departement).filter(
    (e) => e.proximity !== 'ailleurs' && !shown.has(e.example.id) && !needed.includes(e.functionId),
  );
  return { forNeeds, nearbyOthers: needed.length > 0 ? nearbyOthers : [] };
}
