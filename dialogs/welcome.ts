import type { Dialog } from '../src/conversation/dialog-types.js';
import { message } from '../src/domain/out-message.js';

/** First contact: introduce the companion, then build the profile. */
export const welcomeDialog: Dialog = {
  id: 'welcome',
  start: (ctx) => ({
    // On the web, a first visit may be a conversation begun on another device (a resume code).
    say: [message(ctx.render('welcome/first', { resumable: ctx.services.resume.offers(ctx.user) }))],
    then: { switchTo: 'profile', args: { firstTime: true } },
  }),
  steps: {},
};
