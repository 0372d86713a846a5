import type { ConversationHooks } from '../src/dialog/dialog-types.js';
import { message } from '../src/messages/out-message.js';

export const conversationHooks: ConversationHooks = {
  homeDialog: 'menu',
  onConnect: (api, isNewUser) => {
    if (isNewUser || !api.ctx.user.profile.completedAt && api.activeDialog() === undefined) return api.begin('welcome');
    const pending = api.activeDialog();
    return [message(api.ctx.render('welcome/back', { pending: pending !== undefined && pending !== 'menu' })), ...(pending ? api.reprompt() : api.begin('menu'))];
  },
  onIdleText: (api) => [message(api.ctx.render('fallback/unknown'))],
};
