import type { Need, ScaleLevel, Tool } from '../../content/schemas.js';
import type { Diagnosis, Profile } from '../user-record.js';
import { priorityNeeds, rankNeeds, type RankedNeed } from './rank-needs.js';
import { recommendTools, type Recommendation } from './recommend-tools.js';

/**
 * - `weak`: some needs are below the top of the scale; the weakest lead.
 * - `advanced`: every answered need is at the top; tools help go further on them.
 * - `skipped`: nothing answered; tools for the user's profile across all needs.
 */
export type ResultsMode = 'weak' | 'advanced' | 'skipped';

export interface DiagnosisResults {
  mode: ResultsMode;
  ranked: RankedNeed[];
  priorities: RankedNeed[];
  recommendations: Recommendation[];
}

export function diagnosisResults(
  input: { needs: Need[]; scale: ScaleLevel[]; tools: Tool[] },
  profile: Profile,
  diagnosis: Diagnosis,
): DiagnosisResults {
  const maxLevel = Math.max(...input.scale.map((l) => l.value));
  const ranked = rankNeeds(input.needs, diagnosis.answers);
  const weak = priorityNeeds(ranked, maxLevel);
  const mode: ResultsMode = weak.length > 0 ? 'weak' : ranked.length > 0 ? 'advanced' : 'skipped';
  const priorities =
    mode === 'weak' ? weak : mode === 'advanced' ? ranked.slice(0, 3) : input.needs.map((need) => ({ need, level: maxLevel }));
  const recommendations = recommendTools(input.tools, profile, priorities, maxLevel);
  return { mode, ranked, priorities: mode === 'skipped' ? [] : priorities, recommendations };
}
