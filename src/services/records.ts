import { PerKeyQueue } from '../conversation/per-key-queue.js';
import type { RecordTx, UserRecords } from '../conversation/ports.js';
import type { DeliveryLedger } from '../infra/storage/delivery-journal.js';
import type { UserStore } from '../infra/storage/user-store.js';
import type { UserRecord } from '../domain/user-record.js';
import { addErasure } from './privacy/user-data.js';
import { StorageUnavailableError, WriteConflictError } from '../infra/storage/storage-errors.js';

/** Tries of a write another server keeps changing first: then the turn fails (« souci technique »). */
const MAX_ATTEMPTS = 10;
/** Tries of a write while the database is out of reach (0.2, 0.4, then 0.6 s apart): then the user is asked to wait a moment. */
const UNAVAILABLE_ATTEMPTS = 4;

/**
 * The one way users' data is written: each user's writes run one at a time (a per-user lock),
 * and everything one of them gathers — the record, a pairing, an invitation, a logged question,
 * an erasure — goes to storage as one write, after it succeeded.
 */
export class Records implements UserRecords {
  private readonly queue = new PerKeyQueue();

  constructor(
    private readonly store: UserStore,
    private readonly journal?: Pick<DeliveryLedger, 'forget'>,
  ) {}

  read(id: string): Promise<UserRecord | undefined> {
    return this.store.read(id);
  }

  wasErased(id: string): boolean {
    return this.store.wasErased(id);
  }

  update<T>(userId: string, fn: (tx: RecordTx) => T): Promise<T> {
    return this.queue.run(userId, async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.attempt(userId, fn);
        } catch (err) {
          // The database is out of reach: it may be back in a moment (the pool reconnects).
          if (err instanceof StorageUnavailableError && attempt < UNAVAILABLE_ATTEMPTS) {
            await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
            continue;
          }
          // Another server wrote first (a database shared by several): read again, decide again.
          if (!(err instanceof WriteConflictError) || attempt >= MAX_ATTEMPTS) throw err;
          // A few milliseconds, more at each try and never the same on both servers: they stop colliding.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
          await this.store.refresh(err.userId && err.userId !== userId ? [userId, err.userId] : [userId]);
        }
      }
    });
  }

  private async attempt<T>(userId: string, fn: (tx: RecordTx) => T): Promise<T> {
    // The user, and their partner (a turn may show the partner's progress), held in memory until
    // the write is done: the turn reads them without waiting.
    const partner = this.store.partnerOf(userId);
    const release = await this.store.hold(partner ? [userId, partner] : [userId]);
    try {
      return await this.attemptHeld(userId, fn);
    } finally {
      release();
    }
  }

  private async attemptHeld<T>(userId: string, fn: (tx: RecordTx) => T): Promise<T> {
    let batch = this.store.batch();
    let after: Array<() => void> = [];
    const tx: RecordTx = {
      stored: this.store.cached(userId),
      reread: () => this.store.cached(userId),
      get writes() {
        return batch;
      },
      // The turn is over with its record once it saves it: the store keeps it without a copy.
      save: (user) => void batch.put(user, { owned: true }),
      erase: (now) => {
        addErasure(this.store, batch, userId, now);
        after.push(() => this.journal?.forget(userId));
      },
      reopen: () => void batch.reopen(userId),
      discard: () => {
        batch = this.store.batch();
        after = [];
      },
      afterCommit: (f) => void after.push(f),
    };
    // Synchronous from the read to the write: no other write of this server can come in between,
    // so an invitation cannot be used twice and a pairing touching two users stays whole (another
    // server's write in between is refused by the database: see update).
    const result = fn(tx);
    // Applied in this same tick; with a database, the turn goes on once it is committed.
    await this.store.commit(batch);
    for (const f of after) f();
    return result;
  }

  async change(userId: string, fn: (user: UserRecord) => void): Promise<boolean> {
    try {
      return await this.update(userId, (tx) => {
        if (!tx.stored) return false;
        fn(tx.stored);
        tx.save(tx.stored);
        return true;
      });
    } catch {
      return false;
    }
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }
}
