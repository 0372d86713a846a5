import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { TurnHandler } from '../../bot/turn-handler.js';
import type { Content } from '../../content/load-content.js';
import { message } from '../../messages/out-message.js';
import type { RenderTemplate } from '../../messages/render-template.js';
import type { UserStore } from '../../storage/user-store.js';
import { readTeamsActivity } from './read-teams-activity.js';
import { renderTeams } from './render-teams.js';
import { TeamsActivity } from './teams-activity.js';

export interface TeamsChannelDeps {
  turns: TurnHandler;
  store: UserStore;
  content: Content;
  render: RenderTemplate;
  logger: Logger;
  now?: () => Date;
}

/**
 * One Teams activity, once authenticated: decides whether it is for the bot, runs the turn
 * (the same dialogs as the web chat) and sends the replies as Teams renders them.
 */
export class TeamsChannel {
  private readonly now: () => Date;

  constructor(private readonly deps: TeamsChannelDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async handle(context: TurnContext): Promise<void> {
    const parsed = TeamsActivity.safeParse(context.activity);
    if (!parsed.success) {
      this.deps.logger.warn({ issues: parsed.error.issues.slice(0, 5) }, 'teams activity ignored: unexpected shape');
      return;
    }
    const activity = parsed.data;
    const intent = readTeamsActivity(activity);
    switch (intent.kind) {
      case 'ignore':
        this.deps.logger.debug({ reason: intent.reason, type: activity.type }, 'teams activity ignored');
        return;
      case 'introduce':
        await context.sendActivities(this.render(this.deps.render('teams/introduce', { botName: activity.recipient.name ?? this.deps.content.teamsApp.name.short })));
        return;
      case 'forget':
        await this.deps.turns.handle(intent.userId, activity.channelId, { kind: 'touch' }, (user) => {
          delete user.teams;
        });
        this.deps.logger.info({ userId: intent.userId }, 'teams app removed by the user; conversation reference forgotten');
        return;
      case 'turn': {
        const { link } = intent;
        // Teams may announce one installation twice: welcome once per conversation.
        if (intent.inbound.kind === 'connect' && this.deps.store.get(intent.userId)?.teams?.reference.conversation.id === activity.conversation.id) {
          return;
        }
        const updatedAt = this.now().toISOString();
        const replies = await this.deps.turns.handle(
          intent.userId,
          activity.channelId,
          intent.inbound,
          link ? (user) => void (user.teams = { ...link, updatedAt }) : undefined,
        );
        await context.sendActivities(renderTeams(replies, { openLink: this.deps.content.ui.labels.openLink }));
        return;
      }
    }
  }

  private render(text: string) {
    return renderTeams([message(text)], { openLink: this.deps.content.ui.labels.openLink });
  }
}
