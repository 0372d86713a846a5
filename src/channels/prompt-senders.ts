import type { Logger } from 'pino';
import type { RecordUpdate } from '../conversation/turn-handler.js';
import type { UserRecords } from '../conversation/ports.js';
import { renderTeams, type TeamsRenderLabels } from './teams/render-teams.js';
import type { TeamsAdapter } from './teams/teams-adapter.js';
import type { OutMessage } from '../domain/out-message.js';
import type { PushSubscription, UserRecord } from '../domain/user-record.js';
import type { PushOutcome, PushPayload } from './web/web-push.js';
import type { UserStore } from '../infra/storage/user-store.js';
import type { Clock } from '../domain/clock.js';
import type { JeudisPrompt } from '../domain/jeudis/compose-prompt.js';
import { classifySendError, type SendResult } from '../services/jeudis/send-result.js';
import type { PromptSender } from '../services/jeudis/prompt-sender.js';
import { appendHistory, keptEntry } from '../domain/conversation-history.js';

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
  /**
   * Sends to every open page of the user; false when none is open here. `key`: the inbox entry
   * the messages are (a page on another server that shows them takes it out: see shownLive).
   */
  push(userId: string, messages: OutMessage[], key: string): boolean;
}

/**
 * A prompt was shown live in the user's open page: it leaves the inbox (it is no news at the next
 * visit) and joins the conversation's history. Only the first to do so writes the history (a
 * page on another server may have shown it too).
 */
export async function shownLive(records: UserRecords, userId: string, key: string, messages: OutMessage[], at: string | undefined): Promise<void> {
  await records.change(userId, (u) => {
    if (!u.inbox.some((m) => m.key === key)) return;
    u.inbox = u.inbox.filter((m) => m.key !== key);
    // Shown live: part of the conversation a page loaded later shows again.
    if (at) u.history = appendHistory(u.history, [keptEntry({ at, replies: messages })]);
  });
}

/** Notifications of the browsers a user allowed (Web Push), for when no page is open. */
export interface WebNotifier {
  notify(subscriptions: PushSubscription[], payload: PushPayload): Promise<Map<string, PushOutcome>>;
}

/**
 * Web chat: the prompt is saved in the user's inbox (on disk) with the record change, then, if
 * a page is open, shown live and taken out of the inbox; otherwise the next visit shows it
 * (« Pendant votre absence… »), and the browsers where the user turned notifications on are
 * notified (Web Push, when a `notifier` is given); a browser the push service no longer knows
 * is forgotten.
 */
export class WebPromptSender implements PromptSender {
  constructor(
    private readonly records: UserRecords,
    private readonly store: UserStore,
    private readonly live: LiveWebChat | undefined,
    private readonly logger: Logger,
    /** Dates a prompt shown live in the conversation's history (kept only when given). */
    private readonly now?: Clock,
    private readonly notifier?: WebNotifier,
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
    if (this.live?.push(user.id, [prompt.message], key)) {
      await shownLive(this.records, user.id, key, [prompt.message], this.now?.().toISOString());
      this.logger.debug({ userId: user.id }, 'jeudis prompt shown live');
    } else {
      await this.notify(user.id, prompt);
    }
    return { ok: true };
  }

  /** Notifies the user's browsers; the prompt is in their inbox already, so a failure here loses nothing. */
  private async notify(userId: string, prompt: JeudisPrompt): Promise<void> {
    const subscriptions = (await this.records.read(userId))?.jeudis?.push ?? [];
    if (!this.notifier || subscriptions.length === 0) return;
    const outcomes = await this.notifier.notify(subscriptions, { ...prompt.notification, url: '/', tag: `jeudis-${prompt.thursday}` });
    const gone = new Set([...outcomes].filter(([, outcome]) => outcome === 'gone').map(([endpoint]) => endpoint));
    if (gone.size > 0) {
      await this.records.change(userId, (u) => {
        if (u.jeudis?.push) u.jeudis.push = u.jeudis.push.filter((p) => !gone.has(p.endpoint));
      });
    }
    this.logger.debug({ userId, notified: [...outcomes.values()].filter((o) => o === 'sent').length, gone: gone.size }, 'jeudis prompt notified');
  }
}
