import type { Content } from '../content/content.js';
import { profileLabels } from './profile-labels.js';
import type { DiagnosisResults } from './diagnosis/diagnosis-results.js';
import type { Recommendation } from './diagnosis/recommend-tools.js';
import type { Profile } from './user-record.js';
import type { Card } from './out-message.js';
import type { RenderTemplate } from './render-template.js';

/**
 * Turns ranked tools into compact cards: the reason each was chosen in one line (`results/reason`),
 * and in `detail` what the tool is, how it fits the profile and where to find it (`results/reason-detail`).
 */
export function recommendationCards(
  content: Pick<Content, 'actors' | 'scale' | 'ui'>,
  render: RenderTemplate,
  profile: Profile,
  results: Pick<DiagnosisResults, 'mode' | 'priorities'>,
  recommendations: Recommendation[],
): Card[] {
  const rank = (needId: string) => results.priorities.findIndex((p) => p.need.id === needId) + 1;
  const labels = profileLabels(content, profile);
  const levelLabel = (value: number) => content.scale.find((l) => l.value === value)?.label ?? String(value);
  return recommendations.map((r) => {
    const fitOption = content.actors
      .flatMap((a) => a.dimensions.flatMap((d) => d.options))
      .find((o) => o.id === r.fitOption);
    const vars = {
      mode: results.mode,
      who: labels.who ?? null,
      targeted: r.targeted,
      fitOption: fitOption?.label ?? null,
      needs: r.needs.map((n) => ({
        title: n.need.title,
        shortTitle: n.need.shortTitle,
        level: levelLabel(n.level),
        rank: rank(n.need.id),
      })),
      summary: r.tool.summary,
      // Where to find it: the page of a shared homepage, or the publisher's site when there is no link.
      whereToFind: r.tool.whereToFind ?? null,
    };
    // A compact card: the reason in one line; what the tool is, why it fits the profile and where
    // to find it unfold behind « Lire la suite ».
    const card: Card = {
      title: r.tool.title,
      subtitle: [content.ui.toolKinds[r.tool.kind], [r.tool.publisher, r.tool.year].filter(Boolean).join(', ')]
        .filter(Boolean)
        .join(' · '),
      text: render('results/reason', vars),
      detail: render('results/reason-detail', vars),
    };
    if (r.tool.url) {
      card.url = r.tool.url;
      card.linkLabel = content.ui.labels.openLink;
    }
    return card;
  });
}
