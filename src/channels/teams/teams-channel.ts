import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Inbound, TurnHandler } from '../../conversation/turn-handler.js';
import type { Content } from '../../content/content.js';
import { message, type OutMessage } from '../../domain/out-message.js';
import type { RenderTemplate } from '../../infra/templates/render-template.js';
import type { TeamsLink } from '../../domain/user-record.js';
import type { UserRecords } from '../../conversation/ports.js';
import { PUBLIC_COMMANDS } from './public-commands.js';
import { readTeamsActivity } from './read-teams-activity.js';
import { renderTeams, teamsRenderLabels } from './render-teams.js';
import { PARSED_ACTIVITY, TeamsActivity } from './teams-activity.js';
import type { Clock } from '../../domain/clock.js';

export interface TeamsChannelDeps {
  turns: TurnHandler;
  records: UserRecords;
  content: Content;
  render: RenderTemplate;
  logger: Logger;
  now: Clock;
  /**
   * Writes in a user's personal chat from elsewhere (TeamsAdapter.sendProactive): the replies to
   * a personal command asked in a team or group chat. Without it, such commands are only
   * answered with where to ask them.
   */
  sendPersonal?: (reference: TeamsLink['reference'], activities: Array<Partial<Activity>>) => Promise<void>;
  /**
   * Team and group chats the bot introduced itself in: `first` records this one and says whether
   * it is the first time (Teams may announce the bot's arrival twice). Without it, every
   * announcement is answered.
   */
  introductions?: { first(conversationId: string, now: Date): boolean };
}

/**
 * Set on a turn's state by the endpoint on the first activity of a user's flood: that activity is
 * answered with one notice and nothing else (the following ones never reach the channel).
 */
export const FLOOD_NOTICE = 'compagnon.teams.floodNotice';

/** What a log line says about the activity a failure belongs to. */
interface Where {
  userId?: string;
  conversation: string;
  activityType: string;
  personal?: boolean;
}

/**
 * One Teams activity, once authenticated: decides whether it is for the bot, runs the turn
 * (the same dialogs as the web chat) and sends the replies as Teams renders them.
 *
 * Never throws: a reply Teams refuses (403, 404, 429, 5xx, a network or Entra token failure) is
 * logged with its context, after the turn's record was saved; Botkit would otherwise turn the
 * error into an unhandled rejection that stops the process.
 *
 * In a team or group chat everyone reads the replies: only what holds nothing of the user's is
 * answered there (questions, help, the menu, small talk). Personal commands and answers to the
 * user's own dialog run in their personal chat when the bot knows it, and the group gets one line.
 */
export class TeamsChannel {
  private readonly now: Clock;

  constructor(private readonly deps: TeamsChannelDeps) {
    this.now = deps.now;
  }

  async handle(context: TurnContext): Promise<void> {
    try {
      await this.handleActivity(context);
    } catch (err) {
      const activity = context.activity as Partial<Activity> | undefined;
      const error = describeError(err);
      this.deps.logger.error(
        { ...error, stack: error.status === undefined ? (err as Error | undefined)?.stack : undefined, conversation: activity?.conversation?.id, activityType: activity?.type },
        'teams activity failed',
      );
    }
  }

  private async handleActivity(context: TurnContext): Promise<void> {
    // The endpoint parsed it already; an activity from elsewhere (none today) is parsed here.
    const given = context.turnState.get(PARSED_ACTIVITY) as TeamsActivity | undefined;
    const parsed = given ? undefined : TeamsActivity.safeParse(context.activity);
    if (parsed && !parsed.success) {
      this.deps.logger.warn({ issues: parsed.error.issues.slice(0, 5) }, 'teams activity ignored: unexpected shape');
      return;
    }
    const activity = given ?? parsed!.data!;
    const intent = readTeamsActivity(activity);
    const where: Where = { conversation: activity.conversation.id, activityType: activity.type };
    switch (intent.kind) {
      case 'ignore':
        this.deps.logger.debug({ reason: intent.reason, type: activity.type }, 'teams activity ignored');
        return;
      case 'introduce':
        if (this.deps.introductions && !this.deps.introductions.first(activity.conversation.id, this.now())) {
          this.deps.logger.debug({ conversation: activity.conversation.id }, 'teams: already introduced in this conversation');
          return;
        }
        await this.reply(context, [message(this.deps.render('teams/introduce', { botName: this.botName(activity) }))], where);
        return;
      case 'forget':
        await this.deps.records.change(intent.userId, (user) => {
          delete user.teams;
        });
        this.deps.logger.info({ userId: intent.userId }, 'teams app removed by the user; conversation reference forgotten');
        return;
      case 'turn': {
        const here = { ...where, userId: intent.userId, personal: intent.personal };
        if (context.turnState.get(FLOOD_NOTICE) === true) {
          await this.reply(context, [message(this.deps.render('errors/flood'))], here);
          return;
        }
        if (!intent.personal) {
          await this.inGroup(context, activity, intent.userId, intent.inbound, here);
          return;
        }
        const { link } = intent;
        // Teams may announce one installation twice: welcome once per conversation.
        if (intent.inbound.kind === 'connect' && (await this.deps.records.read(intent.userId))?.teams?.reference.conversation.id === activity.conversation.id) {
          return;
        }
        const updatedAt = this.now().toISOString();
        const replies = await this.deps.turns.handle(
          intent.userId,
          activity.channelId,
          intent.inbound,
          link ? (user) => void (user.teams = { ...link, updatedAt }) : undefined,
        );
        await this.reply(context, replies, here);
        return;
      }
    }
  }

  /**
   * A message in a team or group chat: answered there if it can be in public (on a blank record,
   * see TurnHandler.handlePublic); otherwise run for the user and answered in their personal chat,
   * the group being told so in one line, or only told where to ask when that chat is unknown.
   */
  private async inGroup(context: TurnContext, activity: TeamsActivity, userId: string, inbound: Inbound, where: Where): Promise<void> {
    const { turns } = this.deps;
    if (await turns.isPublicInput(userId, inbound, PUBLIC_COMMANDS)) {
      await this.reply(context, await turns.handlePublic(userId, activity.channelId, inbound), where);
      return;
    }
    const reference = (await this.deps.records.read(userId))?.teams?.reference;
    let sent = false;
    if (reference && this.deps.sendPersonal) {
      const replies = await turns.handle(userId, activity.channelId, inbound);
      sent = await this.sendPersonal(reference, replies, { ...where, conversation: reference.conversation.id });
    }
    this.deps.logger.info({ userId, conversation: activity.conversation.id, sentPersonally: sent }, 'teams: personal request in a group chat answered in private');
    await this.reply(context, [message(this.deps.render('teams/private-reply', { sent, botName: this.botName(activity) }))], where);
  }

  /** Sends a turn's replies in the conversation of the activity; a refusal is logged, never thrown. */
  private async reply(context: TurnContext, replies: OutMessage[], where: Where): Promise<boolean> {
    const activities = renderTeams(replies, teamsRenderLabels(this.deps.content));
    if (activities.length === 0) return true;
    try {
      await context.sendActivities(activities);
      return true;
    } catch (err) {
      this.logSendFailure(err, where, activities.length);
      return false;
    }
  }

  private async sendPersonal(reference: TeamsLink['reference'], replies: OutMessage[], where: Where): Promise<boolean> {
    const activities = renderTeams(replies, teamsRenderLabels(this.deps.content));
    if (activities.length === 0 || !this.deps.sendPersonal) return true;
    try {
      await this.deps.sendPersonal(reference, activities);
      return true;
    } catch (err) {
      this.logSendFailure(err, where, activities.length);
      return false;
    }
  }

  private logSendFailure(err: unknown, where: Where, replies: number): void {
    const error = describeError(err);
    // 4xx: this conversation refuses us (app removed, blocked, throttled); anything else is ours or the network's.
    const level = error.status !== undefined && error.status < 500 ? 'warn' : 'error';
    this.deps.logger[level]({ ...where, status: error.status, code: error.code, error: error.message, replies }, 'teams reply not delivered (the turn itself was saved)');
  }

  private botName(activity: TeamsActivity): string {
    return activity.recipient.name ?? this.deps.content.teamsApp.name.short;
  }
}

/**
 * The parts of a send error worth logging. Never the error object itself: the connector's errors
 * carry the request, whose headers hold the bot's bearer token.
 */
function describeError(err: unknown): { status?: number; code?: string; message: string } {
  const e = (err ?? {}) as { statusCode?: unknown; status?: unknown; code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const status = typeof e.statusCode === 'number' ? e.statusCode : typeof e.status === 'number' ? e.status : undefined;
  const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : undefined;
  const text = typeof e.message === 'string' ? e.message : String(err);
  return { status, code, message: text.slice(0, 500) };
}
