import type { Content } from '../content/load-content.js';
import type { MethodStepId } from '../content/schemas.js';
import { diagnosisResults } from '../engine/diagnosis-results.js';
import type { Card } from '../messages/out-message.js';
import { recommendationCards } from '../messages/recommendation-cards.js';
import type { RenderTemplate } from '../messages/render-template.js';
import type { UserRecord } from '../storage/user-record.js';
import { recommendForStep } from './recommend-for-step.js';

/** Cards of the tools that close a step of the method, with the reason each was chosen. */
export function stepToolCards(content: Content, render: RenderTemplate, user: UserRecord, step: MethodStepId, max = 3): Card[] {
  const results = diagnosisResults(content, user.profile, user.diagnosis);
  const maxLevel = Math.max(...content.scale.map((l) => l.value));
  const everyNeed = content.needs.map((need) => ({ need, level: maxLevel }));
  const priorities = results.mode === 'skipped' ? everyNeed : results.priorities;
  const recommendations = recommendForStep(content.tools, step, user.profile, priorities, everyNeed, maxLevel);
  return recommendationCards(content, render, user.profile, results, recommendations.slice(0, max));
}
