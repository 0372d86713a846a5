import type { Need } from '../../content/schemas.js';
import type { NeedAnswer } from '../user-record.js';

export interface RankedNeed {
  need: Need;
  level: number;
  /** The user answered « je ne sais pas »: ranked as the first level, a need to explore. */
  unknown?: boolean;
}

/** The level a « je ne sais pas » counts as: the bottom of the scale (« à explorer »). */
const UNKNOWN_LEVEL = 1;

/**
 * Answered needs from the least to the most advanced. Ties keep the kit's order of the needs,
 * so the same answers always give the same priorities. Skipped needs are left out; needs
 * answered « je ne sais pas » count as needs to explore.
 */
export function rankNeeds(needs: Need[], answers: Record<string, NeedAnswer>): RankedNeed[] {
  return needs
    .flatMap((need) => {
      const answer = answers[need.id];
      if (answer?.unknown) return [{ need, level: UNKNOWN_LEVEL, unknown: true }];
      const level = answer?.level;
      return typeof level === 'number' ? [{ need, level }] : [];
    })
    .sort((a, b) => a.level - b.level || a.need.order - b.need.order);
}

/** The weakest needs, those below the top of the scale, at most `max` of them. */
export function priorityNeeds(ranked: RankedNeed[], maxLevel: number, max = 3): RankedNeed[] {
  return ranked.filter((r) => r.level < maxLevel).slice(0, max);
}
