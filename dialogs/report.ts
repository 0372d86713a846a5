import type { Dialog, DialogContext } from '../src/conversation/dialog-types.js';
import { buttonValue } from '../src/domain/button-values.js';
import { message, type Choice } from '../src/domain/out-message.js';
import { reportSummary } from '../src/domain/report/report-summary.js';

function choices(ctx: DialogContext): Choice[] {
  const { labels } = ctx.content.ui;
  const { answers, completedAt } = ctx.user.diagnosis;
  const answered = Object.keys(answers).length;
  return [
    ...(completedAt
      ? [{ label: labels.diagnosisRestart, value: buttonValue({ kind: 'command', command: 'restart' }) }]
      : [{ label: answered > 0 ? labels.diagnosisResume : labels.diagnosis, value: buttonValue({ kind: 'command', command: 'diagnosis' }) }]),
    { label: labels.profile, value: buttonValue({ kind: 'command', command: 'profile' }) },
    { label: labels.menu, value: buttonValue({ kind: 'command', command: 'menu' }) },
  ];
}

/** « Mon bilan »: the profile, where each need stands, and the tools recommended. */
export const reportDialog: Dialog = {
  id: 'report',
  start: (ctx) => {
    const { content, user } = ctx;
    const summary = reportSummary(content, ctx.render, user);
    const text = ctx.render('report/report', summary);
    const cards = summary.answered > 0 ? summary.tools : [];
    const page = {
      title: content.ui.labels.reportLink,
      // The tab is always the current report; a signed link expires.
      text: ctx.render('report/page-link', { tab: ctx.services.reportOpensTab(user.id) }),
      url: ctx.services.reportUrl(user.id, ctx.now),
      linkLabel: content.ui.labels.reportLink,
    };
    return { say: [message(text, { cards }), message(ctx.render('report/page-intro', { tab: ctx.services.reportOpensTab(user.id) }), { cards: [page] })], then: { goto: 'after' } };
  },
  steps: {
    after: {
      prompt: (ctx) => [message(ctx.render('report/next'), { choices: choices(ctx) })],
      handle: () => ({ then: { unrecognised: true } }),
    },
  },
};
