import type { Objective } from '../../content/schemas.js';

/**
 * Corners of the carré magique, in the order of the objectives in `content/method.json`
 * (processus, business model, proposition de valeur, positionnement): x to the right, y up.
 * Internal facing (processus, business model) at the bottom, the organisation's face to its
 * ecosystem (proposition de valeur, positionnement) at the top.
 */
export const CORNERS: ReadonlyArray<{ x: number; y: number }> = [
  { x: -1, y: -1 },
  { x: 1, y: -1 },
  { x: 1, y: 1 },
  { x: -1, y: 1 },
];

/** Two categories whose shares differ by no more than this are « proches ». */
export const CLOSE_SHARE = 0.1;

export interface CategoryShare {
  objective: string;
  category: string;
  weight: number;
  /** Part of the total weight, 0 to 1. */
  share: number;
}

export interface CarreMagique {
  /** The weighted centre on the square, each coordinate from -1 to 1. */
  point: { x: number; y: number };
  /** One entry per objective, largest share first; equal shares keep the kit's order. */
  shares: CategoryShare[];
  /** Categories sharing the largest weight (more than one on a tie). */
  leaders: string[];
  /** The category recommended: the leader, or the first of the tied leaders in the kit's order. */
  recommended: string;
  /** The runner-up is within CLOSE_SHARE of the leader (and not tied with it). */
  close: boolean;
  /** Every objective carries the same weight: the barycentre is the centre of the square. */
  centred: boolean;
}

/**
 * The barycentre of the user's objectives on the carré magique, and the partnership category it
 * points to by the kit's rule (each objective leads to one category). Weights must not all be 0.
 */
export function carreMagique(objectives: Objective[], weights: Record<string, number>): CarreMagique {
  const entries = objectives.map((o, i) => ({ objective: o, weight: Math.max(0, weights[o.id] ?? 0), corner: CORNERS[i]! }));
  const total = entries.reduce((sum, e) => sum + e.weight, 0);
  if (total <= 0) throw new RangeError('at least one objective must carry weight');
  const point = {
    x: entries.reduce((sum, e) => sum + e.weight * e.corner.x, 0) / total,
    y: entries.reduce((sum, e) => sum + e.weight * e.corner.y, 0) / total,
  };
  const shares = entries
    .map((e, index) => ({ index, objective: e.objective.id, category: e.objective.category, weight: e.weight, share: e.weight / total }))
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map(({ index: _index, ...rest }) => rest);
  const top = shares[0]!.weight;
  const leaders = shares.filter((s) => s.weight === top).map((s) => s.category);
  const runnerUp = shares.find((s) => s.weight < top);
  return {
    point,
    shares,
    leaders,
    recommended: leaders[0]!,
    close: leaders.length === 1 && runnerUp !== undefined && shares[0]!.share - runnerUp.share <= CLOSE_SHARE,
    centred: leaders.length === shares.length,
  };
}

/** Where two barycentres meet: the category both lean to, or the closest compromise. */
export function commonGround(mine: CarreMagique, theirs: CarreMagique) {
  const byCategory = (c: CarreMagique) => new Map(c.shares.map((s) => [s.category, s.share]));
  const a = byCategory(mine);
  const b = byCategory(theirs);
  const categories = mine.shares.map((s) => s.category);
  const combined = categories
    .map((category) => ({ category, mine: a.get(category) ?? 0, theirs: b.get(category) ?? 0 }))
    .map((c) => ({ ...c, together: Math.min(c.mine, c.theirs), gap: Math.abs(c.mine - c.theirs) }));
  // The category both give the most weight to: the smaller of the two shares is what they share.
  const shared = [...combined].sort((x, y) => y.together - x.together || x.gap - y.gap)[0]!;
  const distance = Math.hypot(mine.point.x - theirs.point.x, mine.point.y - theirs.point.y);
  return {
    categories: combined,
    sharedCategory: shared.category,
    sameLeader: mine.recommended === theirs.recommended,
    /** Distance between the barycentres, 0 (same point) to 2√2 (opposite corners). */
    distance,
    converge: combined.filter((c) => c.gap <= CLOSE_SHARE && c.together > 0).map((c) => c.category),
    diverge: combined.filter((c) => c.gap > 0.2).map((c) => c.category),
  };
}
