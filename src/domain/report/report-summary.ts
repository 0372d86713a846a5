import type { Content } from '../../content/content.js';
import { profileLabels } from '../profile-labels.js';
import { diagnosisResults } from '../diagnosis/diagnosis-results.js';
import { carreMagique } from '../method/carre-magique.js';
import { evaluationLines } from '../method/evaluation-questions.js';
import { evaluationAnalysis } from '../method/evaluation-analysis.js';
import { journey } from '../journey.js';
import { recommendationCards } from '../recommendation-cards.js';
import type { RenderTemplate } from '../render-template.js';
import type { UserRecord } from '../user-record.js';

const TOOLS = 5;

/**
 * Where the user stands, in words: profile, each need, priorities, the method's outcomes, the
 * evaluation, the recommended tools and the journey. « Mon bilan » in the chat shows it as text;
 * the report page adds the charts. Pure: the same record gives the same summary.
 */
export function reportSummary(content: Content, render: RenderTemplate, user: UserRecord) {
  const maxLevel = Math.max(...content.scale.map((l) => l.value));
  const needs = content.needs.map((need) => {
    const answer = user.diagnosis.answers[need.id];
    const level = answer?.level ?? null;
    return {
      title: need.title,
      shortTitle: need.shortTitle,
      level,
      levelLabel: level === null ? null : (content.scale.find((l) => l.value === level)?.label ?? null),
      // « Je ne sais pas » is an answer (a need to explore), shown as such, not as a skipped need.
      status: answer === undefined ? 'open' : answer.unknown ? 'unknown' : level === null ? 'skipped' : 'answered',
      /** « ●●○○ En réflexion »: the level drawn for a text-only chat. */
      gauge: level === null ? null : `${'●'.repeat(level)}${'○'.repeat(Math.max(0, maxLevel - level))} ${content.scale.find((l) => l.value === level)?.label ?? ''}`.trim(),
    };
  });
  const results = diagnosisResults(content, user.profile, user.diagnosis);
  const category = (id: string) => content.method.categories.find((c) => c.id === id);
  const { objectives, model, ecosystem, evaluation } = user.method;
  const chosenCategory = model ? category(model.category) : undefined;
  const functionLabel = (id: string) => content.ecosystem.functions.find((f) => f.id === id)?.label ?? id;
  const functions = ecosystem ? Object.entries(ecosystem.functions).map(([id, status]) => ({ id, label: functionLabel(id), status })) : [];
  const { steps, next } = journey(user);
  const stepLabel = (id: string) => render('method/step-label', { id });
  return {
    profile: { ...profileLabels(content, user.profile), departement: user.profile.departement ?? null },
    needs,
    maxLevel,
    total: content.needs.length,
    answered: needs.filter((n) => n.status !== 'open').length,
    completed: Boolean(user.diagnosis.completedAt),
    priorities: results.mode === 'weak' ? results.priorities.map((p) => p.need.title) : [],
    recommendedCategory: objectives
      ? (category(carreMagique(content.method.objectives, objectives.weights).recommended)?.label ?? null)
      : null,
    model: chosenCategory && model ? { category: chosenCategory.label, model: chosenCategory.models.find((m) => m.id === model.model) ?? null } : null,
    functions,
    neededFunctions: functions.filter((f) => f.status === 'need'),
    ecosystemDone: Boolean(ecosystem),
    evaluation: evaluation ? evaluationLines(content.evaluation, content.ui.answers.evaluation, evaluation.answers) : [],
    /** Strengths, points to watch and advice read from the evaluation's answers (`evaluation.json` › `analysis`). */
    analysis: evaluation ? evaluationAnalysis(content.evaluation, content.ui.answers.evaluation, content.tools, evaluation.answers) : null,
    tools: recommendationCards(content, render, user.profile, results, results.recommendations.slice(0, TOOLS)),
    steps: steps.map((s) => ({ ...s, label: stepLabel(s.id) })),
    next: next ? stepLabel(next.id) : null,
  };
}

export type ReportSummary = ReturnType<typeof reportSummary>;
