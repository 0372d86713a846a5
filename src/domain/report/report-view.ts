import type { Content } from '../../content/content.js';
import { carreMagique, type CarreMagique } from '../method/carre-magique.js';
import { examplesForUser } from '../method/nearby-examples.js';
import type { RenderTemplate } from '../render-template.js';
import type { UserRecord } from '../user-record.js';
import { carreChart, type CarrePoint } from './carre-chart.js';
import { radarChart } from './radar-chart.js';
import { reportSummary } from './report-summary.js';
import { nextActions } from './next-actions.js';
import { journeyStepAction } from '../chat-links.js';
import { frenchDate } from '../french-date.js';
import type { AnalysisItem } from '../method/evaluation-analysis.js';
import { journey, type JourneyStepId } from '../journey.js';

const EXAMPLES = 6;

/**
 * Everything the report page shows: the summary of the chat's « Mon bilan », plus the charts and
 * the paired partner's barycentre (nothing else of theirs), and the nearby examples.
 */
export function reportView(content: Content, render: RenderTemplate, user: UserRecord, partner: UserRecord | undefined, now: Date) {
  const summary = reportSummary(content, render, user);
  const category = (id: string) => content.method.categories.find((c) => c.id === id);
  const barycentre = (record: UserRecord | undefined): CarreMagique | undefined =>
    record?.method.objectives ? carreMagique(content.method.objectives, record.method.objectives.weights) : undefined;
  const mine = barycentre(user);
  const theirs = barycentre(partner);
  const points: CarrePoint[] = [
    ...(mine ? [{ label: render('report/chart-text', { part: 'me' }), ...mine.point, kind: 'me' as const }] : []),
    ...(theirs ? [{ label: render('report/chart-text', { part: 'partner' }), ...theirs.point, kind: 'partner' as const }] : []),
  ];
  const share = (result: CarreMagique | undefined, objective: string) =>
    result ? Math.round((result.shares.find((s) => s.objective === objective)?.share ?? 0) * 100) : null;
  const shareRows = content.method.objectives.map((o) => ({
    objective: o.label,
    category: category(o.category)?.label ?? o.category,
    mine: share(mine, o.id),
    theirs: share(theirs, o.id),
  }));

  const needed = summary.neededFunctions.map((f) => f.id);
  const functionLabel = (id: string) => content.ecosystem.functions.find((f) => f.id === id)?.label ?? id;
  const { forNeeds, nearbyOthers } = examplesForUser(content.ecosystem.functions, content.territories, user.profile.departement, needed, EXAMPLES);
  const examples = [...forNeeds, ...nearbyOthers].map((e) => ({ ...e.example, functionLabel: functionLabel(e.functionId), proximity: e.proximity }));

  const { steps } = journey(user);
  const commandWords = content.ui.commands;
  // Where each step of the journey is taken up: a link into the web chat, the words to type in Teams.
  const stepActions = Object.fromEntries(steps.map((step) => [step.id, journeyStepAction(step.id, commandWords)])) as Record<
    JourneyStepId,
    ReturnType<typeof journeyStepAction>
  >;
  const actionTools = summary.analysis
    ? summary.analysis.tools.map(({ tool }) => ({ title: tool.title, url: tool.url ?? null, reason: null }))
    : summary.tools.map((t) => ({ title: t.title, url: t.url ?? null, reason: t.text ?? null }));

  return {
    ...summary,
    generatedAt: frenchDate(now, 'Europe/Paris', { year: true }),
    /** Steps of the journey done, of all. */
    progress: { done: steps.filter((s) => s.status === 'done').length, total: steps.length },
    stepActions,
    /** The evaluation's strengths and points to watch, grouped under the kit's angles (in the rules' order). */
    analysisByAngle: summary.analysis ? { strengths: byAngle(summary.analysis.strengths), watch: byAngle(summary.analysis.watch) } : null,
    nextActions: nextActions({ steps, paired: Boolean(theirs), advice: summary.analysis?.advice ?? [], tools: actionTools, commandWords }),
    radar: radarChart(
      summary.needs.map((n) => ({ label: n.shortTitle, value: n.level })),
      summary.maxLevel,
      render('report/chart-text', { part: 'radar-title' }),
    ),
    carre: mine
      ? carreChart(
          content.method.objectives.map((o) => ({ objective: o.label, category: category(o.category)?.label ?? o.category })),
          points,
          render('report/chart-text', { part: 'carre-title', paired: Boolean(theirs) }),
        )
      : null,
    shareRows,
    paired: Boolean(theirs),
    examples,
  };
}

/** Items grouped by angle, the groups in the order their first item comes. */
function byAngle(items: AnalysisItem[]): Array<{ angleLabel: string; items: AnalysisItem[] }> {
  const groups: Array<{ angle: string; angleLabel: string; items: AnalysisItem[] }> = [];
  for (const item of items) {
    const group = groups.find((g) => g.angle === item.angle);
    if (group) group.items.push(item);
    else groups.push({ angle: item.angle, angleLabel: item.angleLabel, items: [item] });
  }
  return groups.map(({ angleLabel, items: grouped }) => ({ angleLabel, items: grouped }));
}
