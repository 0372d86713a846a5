import type { Content } from '../content/load-content.js';
import { profileLabels } from '../content/profile-labels.js';
import { diagnosisResults } from '../engine/diagnosis-results.js';
import { carreMagique, type CarreMagique } from '../method/carre-magique.js';
import { evaluationQuestions } from '../method/evaluation-questions.js';
import { examplesForUser } from '../method/nearby-examples.js';
import { journey } from '../method/parcours.js';
import { recommendationCards } from '../messages/recommendation-cards.js';
import type { RenderTemplate } from '../messages/render-template.js';
import type { UserRecord } from '../storage/user-record.js';
import { carreChart, type CarrePoint } from './carre-chart.js';
import { radarChart } from './radar-chart.js';

const EXAMPLES = 6;
const TOOLS = 5;

/**
 * Everything the report page shows, from the user's record (and the paired partner's
 * barycentre, nothing else of theirs). Pure: the same record gives the same page.
 */
export function reportView(content: Content, render: RenderTemplate, user: UserRecord, partner: UserRecord | undefined, now: Date) {
  const maxLevel = Math.max(...content.scale.map((l) => l.value));
  const levelLabel = (v: number | null) => (v === null ? null : (content.scale.find((l) => l.value === v)?.label ?? null));
  const needs = content.needs.map((need) => {
    const answer = user.diagnosis.answers[need.id];
    return { title: need.title, shortTitle: need.shortTitle, level: answer?.level ?? null, levelLabel: levelLabel(answer?.level ?? null), answered: answer !== undefined };
  });
  const results = diagnosisResults(content, user.profile, user.diagnosis);
  const category = (id: string) => content.method.categories.find((c) => c.id === id);
  const objectiveLabel = (id: string) => content.method.objectives.find((o) => o.id === id)?.label ?? id;

  const barycentre = (record: UserRecord | undefined): CarreMagique | undefined =>
    record?.method.objectives ? carreMagique(content.method.objectives, record.method.objectives.weights) : undefined;
  const mine = barycentre(user);
  const theirs = barycentre(partner);
  const points: CarrePoint[] = [
    ...(mine ? [{ label: render('report/chart-text', { part: 'me' }), ...mine.point, kind: 'me' as const }] : []),
    ...(theirs ? [{ label: render('report/chart-text', { part: 'partner' }), ...theirs.point, kind: 'partner' as const }] : []),
  ];
  const shareRows = content.method.objectives.map((o) => ({
    objective: o.label,
    category: category(o.category)?.label ?? o.category,
    mine: mine ? Math.round((mine.shares.find((s) => s.objective === o.id)?.share ?? 0) * 100) : null,
    theirs: theirs ? Math.round((theirs.shares.find((s) => s.objective === o.id)?.share ?? 0) * 100) : null,
  }));

  const model = user.method.model;
  const chosenCategory = model ? category(model.category) : undefined;
  const functions = user.method.ecosystem?.functions ?? {};
  const needed = Object.entries(functions).filter(([, s]) => s === 'need').map(([id]) => id);
  const functionLabel = (id: string) => content.ecosystem.functions.find((f) => f.id === id)?.label ?? id;
  const { forNeeds, nearbyOthers } = examplesForUser(content.ecosystem.functions, content.territories, user.profile.departement, needed, EXAMPLES);
  const examples = [...forNeeds, ...nearbyOthers].map((e) => ({ ...e.example, functionLabel: functionLabel(e.functionId), proximity: e.proximity }));

  const evaluationOptions = content.ui.answers.evaluation;
  const evaluation = user.method.evaluation
    ? evaluationQuestions(content.evaluation).map((q) => {
        const raw = user.method.evaluation!.answers[q.id];
        return { text: q.text, group: q.group, answer: q.open ? (raw && raw !== '—' ? raw : null) : (evaluationOptions.find((o) => o.value === raw)?.label ?? null) };
      })
    : [];

  const { steps, next } = journey(user);
  return {
    generatedAt: now.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }),
    profile: { ...profileLabels(content, user.profile), departement: user.profile.departement ?? null },
    needs,
    answered: needs.filter((n) => n.answered).length,
    maxLevel,
    radar: radarChart(
      needs.map((n) => ({ label: n.shortTitle, value: n.level })),
      maxLevel,
      render('report/chart-text', { part: 'radar-title' }),
    ),
    priorities: results.mode === 'weak' ? results.priorities.map((p) => p.need.title) : [],
    carre: mine
      ? carreChart(
          content.method.objectives.map((o) => ({ objective: o.label, category: category(o.category)?.label ?? o.category })),
          points,
          render('report/chart-text', { part: 'carre-title', paired: Boolean(theirs) }),
        )
      : null,
    shareRows,
    paired: Boolean(theirs),
    recommendedCategory: mine ? (category(mine.recommended)?.label ?? null) : null,
    leaderObjective: mine ? objectiveLabel(mine.shares[0]!.objective) : null,
    model: chosenCategory && model ? { category: chosenCategory.label, model: chosenCategory.models.find((m) => m.id === model.model) ?? null } : null,
    functions: Object.entries(functions).map(([id, status]) => ({ label: functionLabel(id), status })),
    examples,
    evaluation,
    tools: recommendationCards(content, render, user.profile, results, results.recommendations.slice(0, TOOLS)),
    steps: steps.map((s) => ({ ...s, label: render('method/step-label', { id: s.id }) })),
    next: next ? render('method/step-label', { id: next.id }) : null,
  };
}
