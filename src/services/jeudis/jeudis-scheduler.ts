import { Cron } from 'croner';
import type { Content } from '../../content/content.js';
import type { Clock } from '../../domain/clock.js';
import type { RenderTemplate } from '../../domain/render-template.js';
import type { UserStore } from '../../infra/storage/user-store.js';
import { broadcast, type BroadcastDeps, type BroadcastSummary, type Recipient } from './broadcast.js';
import { dueThursday } from '../../domain/jeudis/due.js';

export interface JeudisSchedulerDeps extends BroadcastDeps {
  store: UserStore;
  content: Content;
  render: RenderTemplate;
  now: Clock;
  /**
   * Whether this server runs the broadcast (several servers on one database: only the leader;
   * absent: this server alone does).
   */
  leads?: () => Promise<boolean>;
}

/** Subscribers due at `now` (all of that day's when `anyHour`), with the Thursday they are due for. */
export async function dueRecipients(store: Pick<UserStore, 'subscribers'>, now: Date, options: { anyHour?: boolean } = {}): Promise<Recipient[]> {
  const due: Recipient[] = [];
  for (const { id, due: sub } of await store.subscribers()) {
    const thursday = dueThursday(sub, now, options);
    if (thursday !== undefined) due.push({ userId: id, thursday });
  }
  return due;
}

/**
 * Every minute (and once at start-up, to catch up after a stop), sends the Thursday prompt to
 * the subscribers whose hour has come. A tick never overlaps the previous one.
 */
export class JeudisScheduler {
  private job: Cron | undefined;
  private running: Promise<BroadcastSummary | undefined> = Promise.resolve(undefined);
  private resolved = false;

  constructor(private readonly deps: JeudisSchedulerDeps) {}

  start(): void {
    this.job = new Cron('0 * * * * *', { timezone: this.deps.content.jeudis.timeZone, protect: true }, () => void this.tick());
    void this.tick();
  }

  async stop(): Promise<void> {
    this.job?.stop();
    this.job = undefined;
    await this.running.catch(() => undefined);
  }

  /** One pass: sends what is due, after settling what a previous process left under way. */
  tick(now: Date = this.deps.now(), options: { anyHour?: boolean } = {}): Promise<BroadcastSummary | undefined> {
    const run = this.running.catch(() => undefined).then(async () => {
      if (this.deps.leads && !(await this.deps.leads())) return undefined;
      if (!this.resolved) {
        // Leading now: what another server sent, or left under way when it stopped, is read first.
        await this.deps.journal.refresh?.();
        await this.settleInterrupted(now);
      }
      const recipients = await dueRecipients(this.deps.store, now, options);
      if (recipients.length === 0) return undefined;
      const summary = await broadcast(this.deps, recipients, this.deps.now);
      // The tick is over once its outcomes are kept (another server leading next reads them).
      await this.deps.journal.settled?.();
      this.deps.logger.info({ ...summary }, 'jeudis broadcast');
      return summary;
    });
    this.running = run;
    return run;
  }

  /**
   * Deliveries a stopped process left under way. On the web, the user's record says whether the
   * prompt was saved: if not, it can be sent again. In Teams the message may have left: it is
   * not sent again (never twice), and the case is logged.
   */
  private async settleInterrupted(now: Date): Promise<void> {
    this.resolved = true;
    for (const key of this.deps.journal.interrupted()) {
      const [thursday, userId] = [key.slice(0, 10), key.slice(11)];
      const user = await this.deps.store.read(userId);
      const saved = user?.jeudis?.lastPrompt === thursday || user?.inbox.some((m) => m.key === `jeudis:${thursday}`);
      if (saved) this.deps.journal.record(key, 'sent', now, 'settled after restart');
      else if (user?.channel === 'web') this.deps.journal.record(key, 'deferred', now, 'interrupted before it was saved');
      else {
        this.deps.journal.record(key, 'unknown', now, 'interrupted during the send');
        this.deps.logger.warn({ userId, thursday }, 'jeudis: a send was interrupted by a stop; not sent again');
      }
    }
  }
}
