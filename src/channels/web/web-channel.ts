import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Inbound, TurnHandler } from '../../conversation/turn-handler.js';
import { renderWeb } from './render-web.js';

/**
 * One web chat frame, once the adapter has checked it (identity from the cookie, limits, the
 * frame's schema): turned into one `Inbound`, run as a turn, and the replies sent as the page
 * renders them. The web twin of TeamsChannel; neither knows the other.
 */
export class WebChannel {
  constructor(private readonly deps: { turns: TurnHandler; logger: Logger }) {}

  async handle(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const userId = activity.from.id;
    const inbound = readWebActivity(activity);
    const replies = await this.deps.turns.handle(userId, 'web', inbound);
    // One call for the whole turn: the adapter sends the frames in order, without Botkit's
    // per-message send pipeline.
    try {
      await context.sendActivities(replies.map(renderWeb));
    } catch (err) {
      this.deps.logger.warn({ err, userId }, 'web reply not delivered (the turn itself was saved)');
    }
  }
}

/** The adapter built the activity from a validated frame: a message, or a (re)connection event. */
export function readWebActivity(activity: TurnContext['activity']): Inbound {
  if (activity.type === 'message') return { kind: 'message', text: typeof activity.text === 'string' ? activity.text : '', value: typeof activity.value === 'string' ? activity.value : undefined };
  return { kind: 'connect' };
}
