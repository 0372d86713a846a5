import type { Content } from '../../content/content.js';
import type { MethodStepId } from '../../content/schemas.js';
import { diagnosisResults } from '../diagnosis/diagnosis-results.js';
import type { Card } from '../out-message.js';
import { recommendationCards } from '../recommendation-cards.js';
import type { RenderTemplate } from '../render-template.js';
import type { UserRecord } from '../user-record.js';
import { recommendForStep } from './recommend-for-step.js';

/** Cards of the tools that close a step of the method, with the reason each was chosen. */
export function stepToolCards(content: Content, render: RenderTemplate, user: UserRecord, step: MethodStepId, max = 3): Card[] {
  const results = diagnosisResults(content, user.profile, user.diagnosis);
  const maxLevel = Math.max(...content.scale.map((l) => l.value));
  const everyNeed = content.needs.map((need) => ({ need, level: maxLevel }));
  // The needs the step works on come first, at the user's level (or the lowest, not assessed).
  const stepNeeds = (content.method.steps.find((s) => s.id === step)?.needs ?? []).flatMap((id) => {
    const need = content.needs.find((n) => n.id === id);
    return need ? [{ need, level: user.diagnosis.answers[id]?.level ?? 1 }] : [];
  });
  const others = (results.mode === 'skipped' ? [] : results.priorities).filter((p) => !stepNeeds.some((s) => s.need.id === p.need.id));
  const recommendations = recommendForStep(content.tools, step, user.profile, [...stepNeeds, ...others], everyNeed, maxLevel);
  return recommendationCards(content, render, user.profile, results, recommendations.slice(0, max));
}
