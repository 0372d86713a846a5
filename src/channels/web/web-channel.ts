import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Inbound, TurnHandler } from '../../conversation/turn-handler.js';
import { renderWebTurn, webHistoryFrame } from './render-web.js';
import type { HistoryItem } from '../../domain/conversation-history.js';
import type { OutMessage } from '../../domain/out-message.js';

/**
 * One web chat frame, once the adapter has checked it (identity from the cookie, limits, the
 * frame's schema): turned into one `Inbound`, run as a turn, and the replies sent as the page
 * renders them. The web twin of TeamsChannel; neither knows the other.
 */
export class WebChannel {
  constructor(
    private readonly deps: {
      turns: TurnHandler;
      logger: Logger;
      /** A message's replies, for the user's pages open on other servers (several servers on one database). */
      elsewhere?: (userId: string, replies: OutMessage[]) => void;
    },
  ) {}

  async handle(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const userId = activity.from.id;
    const inbound = readWebActivity(activity);
    // A page loaded (`hello`, not the `welcome_back` of a page that reconnects and still shows
    // it) gets the conversation so far first, marked as history, then the return message.
    let history: HistoryItem[] = [];
    const replies = await this.deps.turns.handle(userId, 'web', inbound, undefined, isPageLoad(activity) ? (items) => (history = items) : undefined);
    // One call for the whole turn: the adapter sends the frames in order, without Botkit's
    // per-message send pipeline; the last one says the turn is complete (the page then moves the
    // focus and the progress).
    try {
      await context.sendActivities([...history.map(historyActivity), ...renderWebTurn(replies)]);
    } catch (err) {
      this.deps.logger.warn({ err, userId }, 'web reply not delivered (the turn itself was saved)');
    }
    // A page (re)connecting gets its own welcome; what the user said, all their pages see answered.
    if (inbound.kind === 'message' && replies.length > 0) this.deps.elsewhere?.(userId, replies);
  }
}

/** The adapter built the activity from a validated frame: a message, or a (re)connection event. */
export function readWebActivity(activity: TurnContext['activity']): Inbound {
  if (activity.type === 'message') return { kind: 'message', text: typeof activity.text === 'string' ? activity.text : '', value: typeof activity.value === 'string' ? activity.value : undefined };
  return { kind: 'connect' };
}

/** Whether the frame is the first of a page just loaded (`hello`): it has shown nothing yet. */
function isPageLoad(activity: TurnContext['activity']): boolean {
  return activity.type !== 'message' && (activity.channelData as { botkitEventType?: unknown } | undefined)?.botkitEventType === 'hello';
}

/** A history frame as an activity for the adapter, which sends `{ type, text, ...channelData }`. */
function historyActivity(item: HistoryItem) {
  const { type, text, ...channelData } = webHistoryFrame(item);
  return { type: type as string, text: text as string, channelData };
}
