import type { Content } from '../../content/content.js';
import { carreMagique, type CarreMagique } from '../method/carre-magique.js';
import { examplesForUser } from '../method/nearby-examples.js';
import type { RenderTemplate } from '../render-template.js';
import type { UserRecord } from '../user-record.js';
import { carreChart, type CarrePoint } from './carre-chart.js';
import { radarChart } from './radar-chart.js';
import { reportSummary } from './report-summary.js';

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

  return {
    ...summary,
    generatedAt: now.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }),
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
