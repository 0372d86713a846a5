import type { MethodStepId, Tool } from '../../content/schemas.js';
import type { RankedNeed } from '../diagnosis/rank-needs.js';
import { recommendTools, type Recommendation } from '../diagnosis/recommend-tools.js';
import type { Profile } from '../user-record.js';

/**
 * Tools for one step of the method: those the catalogue links to the step, ranked by the
 * foundation engine for the user's profile and priority needs. Without a diagnosis, every need
 * counts the same, so the profile and the kind of tool decide.
 */
export function recommendForStep(
  tools: Tool[],
  step: MethodStepId,
  profile: Profile,
  priorities: RankedNeed[],
  allNeeds: RankedNeed[],
  maxLevel: number,
): Recommendation[] {
  const forStep = tools.filter((t) => t.steps.includes(step));
  const ranked = recommendTools(forStep, profile, priorities, maxLevel);
  if (ranked.length >= 3) return ranked;
  const seen = new Set(ranked.map((r) => r.tool.id));
  return [...ranked, ...recommendTools(forStep, profile, allNeeds, maxLevel).filter((r) => !seen.has(r.tool.id))];
}
