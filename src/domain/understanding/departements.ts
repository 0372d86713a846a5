import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import type { TerritoriesFile } from '../../content/schemas.js';
import { fold } from '../../text/fold.js';
import { editDistance, typosAllowed } from './similarity.js';

/**
 * Départements by code, name or commune, from the official « découpage administratif » of the
 * French State (npm `@etalab/decoupage-administratif`, INSEE codes and populations): a hand-made
 * list would miss renamed and merged communes and their homonyms. The 35,000 communes are read
 * once, on the first question that needs them (about 0.2 s), never at start-up.
 */

export interface Departement {
  code: string;
  nom: string;
  region: string;
}

interface Commune {
  nom: string;
  departement: string;
  population: number;
  /** A town of 20,000 people or more, or the chef-lieu of its département: one people may mean by its name alone. */
  notable: boolean;
}

/** A place the user may mean (kept in the profile dialog's frame while it asks which one). */
export const Place = z.object({
  code: z.string(),
  /** The département's name (« Rhône »). */
  departement: z.string(),
  /** The commune said, when found through one (« Lyon »). */
  commune: z.string().optional(),
});
export type Place = z.infer<typeof Place>;

export type DepartementReading =
  | { kind: 'match'; place: Place; how: 'code' | 'name' | 'commune' | 'postcode' }
  /** Several places fit (homonym communes, a région): ask which, largest first. */
  | { kind: 'clarify'; places: Place[] }
  | { kind: 'none' };

/** A commune this large (or a préfecture) is « notable »: homonyms are a question only between notable ones. */
const NOTABLE = 20_000;
/** At most this many places in a question. */
const MAX_CANDIDATES = 4;

const require = createRequire(import.meta.url);
const dataFile = (name: string) => require.resolve(`@etalab/decoupage-administratif/data/${name}.json`);
// The package's own index.js reads its files relative to the working directory: read them directly.
const readData = <T>(name: string): T => JSON.parse(readFileSync(dataFile(name), 'utf8')) as T;

/** Folded, with « saint » for « st » and no article before a name (« la Réunion », « le Rhône »). */
export function placeKey(text: string): string {
  return fold(text)
    .replace(/\b(st|ste)\b/g, (m) => (m === 'st' ? 'saint' : 'sainte'))
    .replace(/^(?:l|le|la|les|en|dans|a|au|aux|sur|du|de|des|d|pres de|vers)\s+/, '')
    .replace(/^(?:l|le|la|les)\s+/, '')
    .trim();
}

let departementsCache: Departement[] | undefined;
export function departements(): Departement[] {
  // The data also lists the overseas collectivités (zone « com »: Polynésie, Saint-Martin…), which are not départements.
  departementsCache ??= readData<Array<Departement & { zone: string }>>('departements')
    .filter((d) => d.zone !== 'com')
    .map(({ code, nom, region }) => ({ code, nom, region }));
  return departementsCache;
}

let collectivitesCache: Set<string> | undefined;
function overseasCollectivites(): Set<string> {
  collectivitesCache ??= new Set(readData<Array<{ nom: string; zone: string }>>('departements').filter((d) => d.zone === 'com').map((d) => placeKey(d.nom)));
  return collectivitesCache;
}

export function departementByCode(code: string): Departement | undefined {
  return departements().find((d) => d.code === code);
}

interface CommuneIndex {
  byName: Map<string, Commune[]>;
  byPostcode: Map<string, Set<string>>;
  /** Communes large enough to be typed with a typo (« Marseile »). */
  large: Array<{ key: string; commune: Commune }>;
}

let communesCache: CommuneIndex | undefined;
function communes(): CommuneIndex {
  if (!communesCache) {
    const raw = readData<Array<{ code: string; nom: string; departement: string; population?: number; type: string; codesPostaux?: string[] }>>('communes');
    const chefsLieux = new Set(readData<Array<{ chefLieu: string }>>('departements').map((d) => d.chefLieu));
    const byName = new Map<string, Commune[]>();
    const byPostcode = new Map<string, Set<string>>();
    const large: CommuneIndex['large'] = [];
    for (const c of raw) {
      for (const cp of c.codesPostaux ?? []) {
        const set = byPostcode.get(cp) ?? new Set<string>();
        set.add(c.departement);
        byPostcode.set(cp, set);
      }
      // Current communes only: delegated and associated ones carry a former name, arrondissements a number.
      if (c.type !== 'commune-actuelle' || !departementByCode(c.departement)) continue;
      const population = c.population ?? 0;
      const commune = { nom: c.nom, departement: c.departement, population, notable: population >= NOTABLE || chefsLieux.has(c.code) };
      const key = placeKey(c.nom);
      byName.set(key, [...(byName.get(key) ?? []), commune]);
      if (commune.population >= 50_000) large.push({ key, commune });
    }
    for (const list of byName.values()) list.sort((a, b) => b.population - a.population);
    communesCache = { byName, byPostcode, large };
  }
  return communesCache;
}

/** Loads the commune index now (the server may warm it after start-up). */
export function warmDepartementIndex(): void {
  communes();
}

const place = (code: string, commune?: string): Place => ({ code, departement: departementByCode(code)?.nom ?? code, ...(commune ? { commune } : {}) });

/** A département code typed as such: « 69 », « 01 », « 2A », « 974 », « 69 - Rhône ». */
function readCode(folded: string): string | undefined {
  const match = /^(?:departement |dep |dept |n |numero )?(\d{1,3}|2 ?a|2 ?b)(?:\s|$)/.exec(folded);
  if (!match?.[1]) return undefined;
  const raw = match[1].replace(' ', '');
  if (raw === '2a' || raw === '2b') return raw.toUpperCase();
  const code = raw.length === 1 ? `0${raw}` : raw;
  return departementByCode(code)?.code;
}

/**
 * The département meant by an answer: its code, its name (« Rhône », « seine st denis », typos
 * tolerated), an alias from `territories.json` (« le 9-3 »), a postcode (« 69003 »), a région with
 * one département (« la Réunion »), or a commune (« Lyon » → 69). Homonym communes are a question,
 * unless one is a big city and the others villages (« Montreuil » → 93); a région of several
 * départements is a question too.
 */
export function readDepartement(text: string, territories?: Pick<TerritoriesFile, 'aliases' | 'regions'>): DepartementReading {
  const folded = fold(text);
  if (folded === '') return { kind: 'none' };
  const postcode = /^(\d{5})(?:\s|$)/.exec(folded)?.[1];
  if (postcode) {
    const codes = [...(communes().byPostcode.get(postcode) ?? [])];
    if (codes.length === 1) return { kind: 'match', place: place(codes[0]!), how: 'postcode' };
    if (codes.length > 1) return { kind: 'clarify', places: codes.slice(0, MAX_CANDIDATES).map((c) => place(c)) };
    return { kind: 'none' };
  }
  const code = readCode(folded);
  if (code) return { kind: 'match', place: place(code), how: 'code' };
  if (/^\d/.test(folded)) return { kind: 'none' };

  const key = placeKey(text).replace(/^(?:departement|dept|dep)\s+(?:de |du |des |d )?(?:l |la |le |les )?/, '');
  if (key === '') return { kind: 'none' };
  const keyCode = readCode(key);
  if (keyCode) return { kind: 'match', place: place(keyCode), how: 'code' };
  const whole = lookup(key, territories, true);
  if (whole) return whole;
  // An overseas collectivité (Saint-Pierre-et-Miquelon, Polynésie…) is no département: none, not a guess.
  if (overseasCollectivites().has(key)) return { kind: 'none' };

  const typoName = departements().filter((d) => {
    const name = placeKey(d.nom);
    const allowed = typosAllowed(Math.min(name.length, key.length));
    return allowed > 0 && editDistance(key, name, allowed) <= allowed;
  });
  if (typoName.length === 1) return { kind: 'match', place: place(typoName[0]!.code), how: 'name' };

  // « Nord-Pas-de-Calais »: two département names one after the other.
  const words = key.split(' ');
  for (let i = 1; i < words.length; i++) {
    const [a, b] = [words.slice(0, i).join(' '), words.slice(i).join(' ')].map((part) => departements().find((d) => placeKey(d.nom) === part));
    if (a && b) return { kind: 'clarify', places: [place(a.code), place(b.code)] };
  }

  // A sentence (« j'habite à Rennes », « à Marseille dans le 13e »): the longest group of words
  // that names a place; a département named beside a commune settles its homonyms.
  let departement: DepartementReading | undefined;
  let commune: DepartementReading | undefined;
  for (let length = words.length - 1; length >= 1 && !(departement && commune); length--) {
    for (let at = 0; at + length <= words.length; at++) {
      const span = words.slice(at, at + length).join(' ');
      if (!departement) {
        const code = /^\d{1,3}$|^2[ab]$/.test(span) ? readCode(span) : undefined;
        departement = code ? { kind: 'match', place: place(code), how: 'code' } : lookup(span, territories, false, 'departement');
      }
      if (!commune) commune = lookup(span, territories, false, 'commune');
    }
  }
  if (departement?.kind === 'match' && commune?.kind === 'clarify') {
    const inside = commune.places.find((p) => p.code === departement.place.code);
    if (inside) return { kind: 'match', place: inside, how: 'commune' };
  }
  if (departement) return departement;
  if (commune) return commune;

  // Typos: in a département's name, or in the name of a city of 50,000 people or more.
  const near = (candidate: string) => {
    const allowed = typosAllowed(Math.min(candidate.length, key.length));
    return allowed > 0 && editDistance(key, candidate, allowed) <= allowed;
  };
  const typoDepartements = departements().filter((d) => near(placeKey(d.nom)));
  if (typoDepartements.length === 1) return { kind: 'match', place: place(typoDepartements[0]!.code), how: 'name' };
  if (typoDepartements.length > 1) return { kind: 'clarify', places: typoDepartements.slice(0, MAX_CANDIDATES).map((d) => place(d.code)) };
  const typoCities = communes().large.filter((c) => near(c.key)).map((c) => c.commune);
  if (typoCities.length > 0) return fromCommunes(typoCities.sort((a, b) => b.population - a.population));
  return { kind: 'none' };
}

/**
 * A place named by exactly `key`: a département (name or alias), a région, or a commune. Inside a
 * sentence (`whole` false) only notable communes count, so that a word like « aucun » (a village
 * of the Pyrenees) is not taken for a place.
 */
function lookup(
  key: string,
  territories: Pick<TerritoriesFile, 'aliases' | 'regions'> | undefined,
  whole: boolean,
  only?: 'departement' | 'commune',
): DepartementReading | undefined {
  if (only !== 'commune') {
    const byName = departements().filter((d) => placeKey(d.nom) === key);
    if (byName.length === 1) return { kind: 'match', place: place(byName[0]!.code), how: 'name' };
    for (const [c, names] of Object.entries(territories?.aliases ?? {})) {
      if (names.some((n) => placeKey(n) === key)) return { kind: 'match', place: place(c), how: 'name' };
    }
    const region = territories?.regions.find((r) => placeKey(r.name) === key);
    if (region) {
      return region.departements.length === 1
        ? { kind: 'match', place: place(region.departements[0]!), how: 'name' }
        : { kind: 'clarify', places: region.departements.map((c) => place(c)) };
    }
  }
  if (only === 'departement') return undefined;
  const index = communes();
  const homonyms = (index.byName.get(key) ?? []).filter((c) => whole || c.notable);
  if (homonyms.length > 0) return fromCommunes(homonyms);
  // « Boulogne »: the start of notable communes' names (Boulogne-Billancourt, Boulogne-sur-Mer).
  if (key.length >= 4) {
    const starting: Commune[] = [];
    for (const [name, list] of index.byName) if (name.startsWith(`${key} `)) starting.push(...list.filter((c) => c.notable));
    if (starting.length > 0) return fromCommunes(starting.sort((a, b) => b.population - a.population));
  }
  return undefined;
}

/**
 * Homonym communes: a question only when two or more are notable and in different départements
 * (Saint-Denis: 93 and 974); otherwise the notable one, or the largest (Montreuil → 93).
 */
function fromCommunes(list: Commune[]): DepartementReading {
  const notable = list.filter((c) => c.notable);
  const candidates = notable.length > 0 ? notable : list;
  const seen = new Set<string>();
  const distinct = candidates.filter((c) => !seen.has(c.departement) && seen.add(c.departement));
  const first = distinct[0];
  if (!first) return { kind: 'none' };
  if (distinct.length === 1 || notable.length < 2) return { kind: 'match', place: place(first.departement, first.nom), how: 'commune' };
  return { kind: 'clarify', places: distinct.slice(0, MAX_CANDIDATES).map((c) => place(c.departement, c.nom)) };
}

/**
 * The départements bordering `code` (« près de chez moi »), from `territories.json`, whose
 * `neighbours` content:check holds symmetric and made of real département codes. Overseas
 * départements and unknown codes: none.
 */
export function nearbyDepartements(code: string, territories: Pick<TerritoriesFile, 'neighbours'>): string[] {
  return [...(territories.neighbours[code] ?? [])];
}
