import type { CommandApi, ConversationHooks } from '../src/conversation/dialog-types.js';
import { message, type OutMessage } from '../src/domain/out-message.js';

/** Messages kept while the user was away (a Thursday prompt on the web), then emptied. */
function whileAway(api: CommandApi): OutMessage[] {
  const { user, render } = api.ctx;
  if (user.inbox.length === 0) return [];
  const kept = user.inbox.map(({ text, choices, cards }) => ({ text, choices, cards }));
  user.inbox = [];
  return [message(render('jeudis/while-away')), ...kept];
}

export const conversationHooks: ConversationHooks = {
  homeDialog: 'menu',
  onConnect: (api, isNewUser) => {
    if (isNewUser || !api.ctx.user.profile.completedAt && api.activeDialog() === undefined) return api.begin('welcome');
    const away = whileAway(api);
    const pending = api.activeDialog();
    return [...away, message(api.ctx.render('welcome/back', { pending: pending !== undefined && pending !== 'menu' })), ...(pending ? api.reprompt() : api.begin('menu'))];
  },
  onIdleText: (api) => [message(api.ctx.render('fallback/unknown'))],
};
