import { createReadStream, existsSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { DueSubscription, type UserRecord } from '../../domain/user-record.js';
import { Subscriber } from './change-log.js';
import { erasedKey } from './store-changes.js';

/** The file beside the data file. */
export const SUBSCRIBERS_FILE = 'compagnon.subscribers.ndjson';

/** Entries serialised between two writes to the disk: the event loop is held a few milliseconds at most. */
const ENTRIES_PER_WRITE = 2_000;

/**
 * What the Thursday scheduler reads every minute, for the data directory: each subscriber's id
 * and what says when they are due, so that it never reads every user's file. Kept beside the
 * data file and rewritten only when a subscription changed (at the flush, before the data file:
 * a replay of the log from the data file's generation brings it up to date after a crash). It
 * grows with the subscribers, not with the users: each is kept as its JSON text (a few hundred
 * bytes in memory, where the parsed object took more).
 */
export class SubscriberIndex {
  private dirty = false;

  private constructor(
    /** Where the index is kept. */
    private readonly file: string,
    private readonly entries: Map<string, string>,
  ) {}

  /** A new index: written at the next flush, so that a restart finds it (and does not build it again). */
  static empty(file: string): SubscriberIndex {
    const index = new SubscriberIndex(file, new Map());
    index.dirty = true;
    return index;
  }

  /** The index on disk, or undefined when there is none or it cannot be read (it is then built again from the users' files). */
  static async read(file: string): Promise<SubscriberIndex | undefined> {
    if (!existsSync(file)) return undefined;
    const entries = new Map<string, string>();
    try {
      for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
        if (line === '') continue;
        // One line at a time: start-up never holds the whole file and its parse at once.
        const parsed = Subscriber.safeParse(JSON.parse(line));
        if (!parsed.success) return undefined;
        entries.set(parsed.data.id, JSON.stringify(parsed.data.due));
      }
    } catch {
      return undefined;
    }
    return new SubscriberIndex(file, entries);
  }

  /** A user's record was written: their subscription, if any, as it now stands. */
  note(record: UserRecord): void {
    const known = this.entries.get(record.id);
    if (!record.jeudis) {
      if (known) this.remove(record.id);
      return;
    }
    const due = JSON.stringify(DueSubscription.parse(record.jeudis));
    if (known === due) return;
    this.entries.set(record.id, due);
    this.dirty = true;
  }

  remove(id: string): void {
    if (this.entries.delete(id)) this.dirty = true;
  }

  /** An erasure known by the hash of the id only (a replay of the log). */
  removeHash(h: string): void {
    for (const id of this.entries.keys()) if (erasedKey(id) === h) this.remove(id);
  }

  list(): Subscriber[] {
    return [...this.entries].map(([id, due]) => ({ id, due: JSON.parse(due) as DueSubscription }));
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Writes the index if it changed (through a synced temporary file and a rename). The entries
   * are taken in this tick; what changes while it is written is written at the next flush.
   */
  async write(): Promise<void> {
    const file = this.file;
    if (!this.dirty) return;
    this.dirty = false;
    const entries = [...this.entries];
    const tmp = `${file}.tmp`;
    try {
      const handle = await open(tmp, 'w');
      try {
        for (let i = 0; i < entries.length; i += ENTRIES_PER_WRITE) {
          const part = entries.slice(i, i + ENTRIES_PER_WRITE).map(([id, due]) => `{"id":${JSON.stringify(id)},"due":${due}}\n`);
          await handle.write(part.join(''));
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, file);
    } catch (err) {
      this.dirty = true;
      throw err;
    }
  }
}
