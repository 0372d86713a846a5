import type { Logger } from 'pino';
import type { RecordUpdate } from '../conversation/turn-handler.js';
import type { UserRecords } from '../conversation/ports.js';
import { renderTeams, type TeamsRenderLabels } from './teams/render-teams.js';
import type { TeamsAdapter } from './teams/teams-adapter.js';
import type { OutMessage } from '../domain/out-message.js';
import type { UserRecord } from '../domain/user-record.js';
import type { UserStore } from '../infra/storage/user-store.js';
import type { Clock } from '../domain/clock.js';
import type { JeudisPrompt } from '../domain/jeudis/compose-prompt.js';
import { classifySendError, type SendResult } from '../services/jeudis/send-result.js';
import type { PromptSender } from '../services/jeudis/prompt-sender.js';

/** Teams: a proactive message in the user's personal chat, through the stored conversation reference. */
export class TeamsPromptSender implements PromptSender {
  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly records: UserRecords,
    private readonly labels: TeamsRenderLabels,
    /** Reads a Retry-After given as a date. */
    private readonly now: Clock,
  ) {}

  async send(user: UserRecord, prompt: JeudisPrompt, commit: RecordUpdate): Promise<SendResult> {
    const reference = user.teams?.reference;
    if (!reference) return { ok: false, kind: 'permanent', error: 'no Teams conversation reference (app removed?)' };
    try {
      await this.adapter.sendProactive(reference, renderTeams([prompt.message], this.labels));
    } catch (err) {
      return classifySendError(err, this.now());
    }
    await this.records.change(user.id, commit);
    return { ok: true };
  }
}

/** What the web chat can do for a user who may or may not have the page open. */
export interface LiveWebChat {
  /** Sends to every open page of the user; false when none is open. */
  push(userId: string, messages: OutMessage[]): boolean;
}

/**
 * Web chat: the prompt is saved in the user's inbox (on disk) with the record change, then, if
 * a page is open, shown live and taken out of the inbox; otherwise the next visit shows it
 * (« Pendant votre absence… »).
 */
export class WebPromptSender implements PromptSender {
  constructor(
    private readonly records: UserRecords,
    private readonly store: UserStore,
    private readonly live: LiveWebChat | undefined,
    private readonly logger: Logger,
  ) {}

  async send(user: UserRecord, prompt: JeudisPrompt, commit: RecordUpdate): Promise<SendResult> {
    const key = `jeudis:${prompt.thursday}`;
    const saved = await this.records.change(user.id, (u) => {
      commit(u);
      if (!u.inbox.some((m) => m.key === key)) u.inbox.push({ ...prompt.message, key });
    });
    // Not saved (the user erased meanwhile, a record too large): nothing was delivered.
    if (!saved) return { ok: false, kind: 'permanent', error: 'prompt not saved (user erased or record refused)' };
    try {
      await this.store.flush();
    } catch (err) {
      return { ok: false, kind: 'transient', error: `storage: ${(err as Error).message}` };
    }
    if (this.live?.push(user.id, [prompt.message])) {
      await this.records.change(user.id, (u) => {
        u.inbox = u.inbox.filter((m) => m.key !== key);
      });
      this.logger.debug({ userId: user.id }, 'jeudis prompt shown live');
    }
    return { ok: true };
  }
}
