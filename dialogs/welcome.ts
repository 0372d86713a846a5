import type { Dialog } from '../src/conversation/dialog-types.js';
import { message } from '../src/domain/out-message.js';

/** First contact: introduce the companion, then build the profile. */
export const welcomeDialog: Dialog = {
  id: 'welcome',
  start: (ctx) => ({
    say: [message(ctx.render('welcome/first'))],
    then: { switchTo: 'profile', args: { firstTime: true } },
  }),
  steps: {},
};
