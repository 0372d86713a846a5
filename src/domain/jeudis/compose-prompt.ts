import type { Content } from '../../content/content.js';
import { diagnosisResults } from '../diagnosis/diagnosis-results.js';
import { rankNeeds } from '../diagnosis/rank-needs.js';
import { recommendTools, type Recommendation } from '../diagnosis/recommend-tools.js';
import { buttonValue } from '../button-values.js';
import { journey, journeyStepOf } from '../journey.js';
import { recommendForStep } from '../method/recommend-for-step.js';
import type { OutMessage } from '../out-message.js';
import { recommendationCards } from '../recommendation-cards.js';
import type { RenderTemplate } from '../render-template.js';
import type { UserRecord } from '../user-record.js';
import { themeOfTheWeek, type ThemeOfTheWeek } from './programme.js';
import { explainInMessages } from '../explain-in-messages.js';

export interface JeudisPrompt {
  /** The local date of the Thursday. */
  thursday: string;
  theme: string;
  message: OutMessage;
  /** The tool given as the resource of the week. */
  resource?: string;
  /** What a notification says of it (Web Push, when no page is open): no personal detail, the theme only. */
  notification: { title: string; body: string };
}

/**
 * The Thursday prompt for one user: the theme of the week, one personal line (the step they
 * left unfinished, their diagnosis to finish, their weakest need), the resource of the week (a
 * tool fitted to the theme and their profile, not given on an earlier Thursday) and 3 buttons.
 */
export function composePrompt(content: Content, render: RenderTemplate, user: UserRecord, thursday: string): JeudisPrompt {
  const theme = themeOfTheWeek(content.jeudis, thursday);
  const stepLabel = (id: string) => render('method/step-label', { id });
  // A user who left a step of the journey on the way has something to resume.
  const started = [...user.dialogStack].reverse().map((f) => journeyStepOf(f.dialog)).find((step) => step !== undefined);
  const { next } = journey(user);
  const ranked = rankNeeds(content.needs, user.diagnosis.answers);
  const answered = Object.keys(user.diagnosis.answers).length;
  const resource = resourceOfTheWeek(content, user, theme);
  const cards = resource ? recommendationCards(content, render, user.profile, diagnosisResults(content, user.profile, user.diagnosis), [resource]) : [];

  const text = render('jeudis/prompt', {
    prospective: theme.kind === 'prospective',
    themeKind: theme.kind,
    themeTitle: themeTitle(content, theme, stepLabel),
    started: started ? stepLabel(started) : null,
    diagnosisLeft: !started && answered > 0 && !user.diagnosis.completedAt ? content.needs.length - answered : null,
    weakest: ranked[0]?.need.title ?? null,
    next: next ? stepLabel(next.id) : null,
    resource: resource?.tool.title ?? null,
  });
  const { labels } = content.ui;
  const [explained] = explainInMessages([{ text, cards, choices: [] }], content.glossary.acronyms);
  const titled = { themeKind: theme.kind, themeTitle: themeTitle(content, theme, stepLabel) };
  return {
    thursday,
    theme: theme.id,
    resource: resource?.tool.id,
    notification: { title: render('jeudis/notification-title', titled), body: render('jeudis/notification-body', titled) },
    message: {
      text: explained!.text,
      cards: explained!.cards,
      choices: [
        { label: started ? labels.jeudisContinue : labels.jeudisStart, value: buttonValue({ kind: 'command', command: 'jeudisContinue' }) },
        ...(resource ? [{ label: labels.jeudisResource, value: buttonValue({ kind: 'command', command: 'jeudisResource' }) }] : []),
        { label: labels.jeudisPause, value: buttonValue({ kind: 'command', command: 'jeudisPause' }) },
      ],
    },
  };
}

/** The theme of a Thursday as people read it (for `npm run jeudis -- --dry-run`): its id, its kind and its title (empty for the tools). */
export function describeTheme(content: Content, render: RenderTemplate, thursday: string): { id: string; kind: ThemeOfTheWeek['kind']; title: string } {
  const theme = themeOfTheWeek(content.jeudis, thursday);
  return { id: theme.id, kind: theme.kind, title: themeTitle(content, theme, (id) => render('method/step-label', { id })) };
}

function themeTitle(content: Content, theme: ThemeOfTheWeek, stepLabel: (id: string) => string): string {
  switch (theme.kind) {
    case 'need':
    case 'prospective':
      return content.needs.find((n) => n.id === theme.need)?.title ?? theme.need;
    case 'step':
      return stepLabel(theme.step);
    case 'tools':
      return '';
  }
}

/** A tool for the theme and the user's profile, skipping those already given on a Thursday. */
export function resourceOfTheWeek(content: Content, user: UserRecord, theme: ThemeOfTheWeek): Recommendation | undefined {
  const maxLevel = Math.max(...content.scale.map((l) => l.value));
  const results = diagnosisResults(content, user.profile, user.diagnosis);
  const levelOf = (needId: string) => user.diagnosis.answers[needId]?.level ?? 1;
  const everyNeed = content.needs.map((need) => ({ need, level: maxLevel }));
  let candidates: Recommendation[];
  switch (theme.kind) {
    case 'need':
    case 'prospective': {
      const need = content.needs.find((n) => n.id === theme.need);
      candidates = need ? recommendTools(content.tools, user.profile, [{ need, level: levelOf(need.id) }], maxLevel) : [];
      break;
    }
    case 'step':
      candidates = recommendForStep(content.tools, theme.step, user.profile, results.priorities, everyNeed, maxLevel);
      break;
    case 'tools':
      candidates = results.mode === 'skipped' ? recommendTools(content.tools, user.profile, everyNeed, maxLevel) : results.recommendations;
      break;
  }
  const given = new Set(user.jeudis?.suggestedTools ?? []);
  return candidates.find((c) => !given.has(c.tool.id)) ?? candidates[0];
}
