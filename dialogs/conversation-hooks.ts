import type { CommandApi, ConversationHooks } from '../src/conversation/dialog-types.js';
import type { DialogId } from '../src/domain/dialog-ids.js';
import { evaluationQuestions } from '../src/domain/method/evaluation-questions.js';
import { message, type OutMessage } from '../src/domain/out-message.js';

/** Messages kept while the user was away (a Thursday prompt on the web), then emptied; the history keeps them. */
function whileAway(api: CommandApi): OutMessage[] {
  const { user, render } = api.ctx;
  if (user.inbox.length === 0) return [];
  const kept = user.inbox.map(({ text, choices, cards }) => ({ text, choices, cards }));
  user.inbox = [];
  const away = [message(render('jeudis/while-away')), ...kept];
  api.keepInHistory(away);
  return away;
}

/**
 * Dialogs that wait for nothing in particular (a menu, a report, a list of results): a return
 * there shows where the user stands in the journey and offers « Continuer » with the next step
 * first, not the buttons the resting dialog had (« Refaire le diagnostic » after « mon bilan »).
 * A code being typed is not taken up again either.
 */
const RESTING: ReadonlySet<DialogId> = new Set(['menu', 'report', 'results', 'journey', 'resume']);

/**
 * Where the user was in the dialog under way, for the return message (`welcome/back`): its
 * dialog, and for a series of questions the position of the pending one.
 */
function whereWasI(api: CommandApi, dialog: DialogId): Record<string, unknown> {
  const { user, content } = api.ctx;
  const frame = user.dialogStack.at(-1);
  const index = typeof frame?.data.index === 'number' ? frame.data.index : 0;
  const series = (total: number, title?: string) => ({ dialog, position: Math.min(index, total - 1) + 1, total, title: title ?? null });
  switch (dialog) {
    case 'diagnosis':
      return series(content.needs.length, content.needs[index]?.title);
    case 'method-objectives':
      return series(content.method.objectives.length);
    case 'method-ecosystem':
      return series(content.ecosystem.functions.length);
    case 'evaluation':
      return series(evaluationQuestions(content.evaluation).length);
    default:
      return { dialog, position: null, total: null, title: null };
  }
}

export const conversationHooks: ConversationHooks = {
  homeDialog: 'menu',
  onConnect: (api, isNewUser) => {
    if (isNewUser || !api.ctx.user.profile.completedAt && api.activeDialog() === undefined) return api.begin('welcome');
    const away = whileAway(api);
    const pending = api.activeDialog();
    // A question under way: say which, then ask it again.
    if (pending !== undefined && !RESTING.has(pending)) {
      return [...away, message(api.ctx.render('welcome/back', { pending: whereWasI(api, pending) })), ...api.reprompt()];
    }
    // Nothing pending: where the user stands in the journey, and « Continuer » with the next step.
    return [...away, ...api.begin('journey', { returning: true })];
  },
  onIdleText: (api) => [message(api.ctx.render('fallback/unknown'))],
};
