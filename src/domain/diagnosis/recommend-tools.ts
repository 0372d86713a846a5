import type { Tool, ToolKind } from '../../content/schemas.js';
import type { Profile } from '../user-record.js';
import type { RankedNeed } from './rank-needs.js';

export interface Recommendation {
  tool: Tool;
  score: number;
  /** The priority needs this tool answers, weakest first. */
  needs: RankedNeed[];
  /** True when the tool is meant for the user's type of actor (not for everyone). */
  targeted: boolean;
  /** Profile option (e.g. a company size) the tool is said to fit, when it matches the user's. */
  fitOption?: string;
}

const TARGETED_BONUS = 1.5;
const FIT_OPTION_BONUS = 2;
/** A tool the user cannot open from the chat is less useful right now than one with a link. */
const NO_LINK_FACTOR = 0.8;

/**
 * Users come to act: tools to self-assess, learn and work (autodiagnostics, guides, MOOC,
 * resource centres) come before material that informs (studies, programmes, events).
 */
const KIND_WEIGHT: Record<ToolKind, number> = {
  // The kit recommends starting « par un autodiagnostic objectif et systémique » (seed 003).
  autodiagnostic: 1.2,
  guide: 1,
  referentiel: 1,
  mooc: 1,
  'centre-de-ressources': 1,
  fiche: 0.9,
  parcours: 0.9,
  plateforme: 0.9,
  'base-de-donnees': 0.8,
  'tableau-de-bord': 0.8,
  vademecum: 0.8,
  animation: 0.7,
  programme: 0.5,
  etude: 0.5,
  rapport: 0.5,
  livre: 0.5,
  article: 0.4,
};

/**
 * Tools ranked for the user's priority needs and profile, best first.
 * A need weighs more the higher it stands in the priorities and the further it is from the top
 * of the scale; practical tools with a link come before studies; tools for the user's type of actor (and size or type, when the content says so)
 * come before tools for everyone; tools meant for other actors are left out. Equal scores keep
 * the catalogue's order.
 */
export function recommendTools(
  tools: Tool[],
  profile: Profile,
  priorities: RankedNeed[],
  maxLevel: number,
): Recommendation[] {
  const chosen = new Set(Object.values(profile.options));
  const scored = tools.flatMap((tool, index) => {
    if (profile.actor && tool.audience.length > 0 && !tool.audience.includes(profile.actor)) return [];
    const served = priorities.filter((p) => tool.needs.includes(p.need.id));
    if (served.length === 0) return [];
    const needScore = served.reduce((sum, p) => {
      const rank = priorities.indexOf(p);
      return sum + (priorities.length - rank) * (maxLevel - p.level + 1);
    }, 0);
    const targeted = profile.actor !== undefined && tool.audience.includes(profile.actor);
    const fitOption = tool.fits.find((id) => chosen.has(id));
    const practical = KIND_WEIGHT[tool.kind] * (tool.url ? 1 : NO_LINK_FACTOR);
    const score = needScore * practical * (targeted ? TARGETED_BONUS : 1) + (fitOption ? FIT_OPTION_BONUS : 0);
    return [{ recommendation: { tool, score, needs: served, targeted, fitOption }, index }];
  });
  return scored
    .sort((a, b) => b.recommendation.score - a.recommendation.score || a.index - b.index)
    .map((s) => s.recommendation);
}
