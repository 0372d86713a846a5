import { jsonPath } from '../../content/content-problem.js';
import { UserRecord } from '../../domain/user-record.js';
import type { Subscriber, UserShelf } from './change-log.js';
import { erasedKey } from './store-changes.js';
import type { SubscriberIndex } from './subscriber-index.js';
import { StorageError } from './storage-errors.js';
import type { CachedUser } from './user-cache.js';
import type { UserFiles } from './user-files.js';

/** Files read between two turns of the event loop during a scan: a few milliseconds at most. */
const SCAN_SLICE = 32;
/** User files written at once during a flush. */
const WRITE_CONCURRENCY = 8;

/**
 * The users of a data directory: a file per user (UserFiles), and the records changed since the
 * last flush, in memory until the flush writes them (`take`, then `writeTaken`): a read finds
 * them first. The Thursday subscribers' schedules are kept apart (SubscriberIndex), so that the
 * scheduler never reads the user files.
 */
export class FileUserShelf implements UserShelf {
  private pending = new Map<string, UserRecord | null>();
  private writing = new Map<string, UserRecord | null>();
  /** The JSON of the records changed, when it was already made (written as it is). */
  private readonly texts = new WeakMap<UserRecord, string>();
  /** Files written since they were last synced (see syncWritten). */
  private readonly unsynced = new Set<string>();

  constructor(
    private readonly files: UserFiles,
    private readonly index: SubscriberIndex,
  ) {}

  /** Writes the subscribers' index if a subscription changed. */
  writeIndex(): Promise<void> {
    return this.index.write();
  }

  /** Records changed since the last flush. */
  get dirty(): boolean {
    return this.pending.size > 0;
  }

  put(record: UserRecord, json?: string): void {
    this.pending.set(erasedKey(record.id), record);
    if (json !== undefined) this.texts.set(record, json);
    this.index.note(record);
  }

  delete(id: string): void {
    this.pending.set(erasedKey(id), null);
    this.index.remove(id);
  }

  erase(h: string, id?: string): void {
    this.pending.set(h, null);
    if (id !== undefined) this.index.remove(id);
    else this.index.removeHash(h);
  }

  /** Sets the changes so far aside for `writeTaken` (in the tick the log is rotated). */
  take(): void {
    for (const [h, record] of this.pending) this.writing.set(h, record);
    this.pending = new Map();
  }

  /** Writes (or deletes) the files of the changes set aside; on failure they are kept for the next flush. */
  async writeTaken(): Promise<void> {
    try {
      await inParallel([...this.writing], async ([h, record]) => {
        if (record) {
          await this.files.write(h, this.texts.get(record) ?? JSON.stringify(record));
          // Written: the text goes (the record may stay in memory a long time, held by the store).
          this.texts.delete(record);
          this.unsynced.add(h);
        } else {
          await this.files.remove(h);
          this.unsynced.delete(h);
        }
      });
    } catch (err) {
      for (const [h, record] of this.writing) if (!this.pending.has(h)) this.pending.set(h, record);
      throw err;
    } finally {
      this.writing = new Map();
    }
  }

  /**
   * Syncs the files written since the last time: before the log generations holding their
   * changes are released (at a backup), so that those changes are on the disk somewhere.
   */
  async syncWritten(): Promise<void> {
    const written = [...this.unsynced];
    this.unsynced.clear();
    try {
      await inParallel(written, (h) => this.files.sync(h));
    } catch (err) {
      for (const h of written) this.unsynced.add(h);
      throw err;
    }
  }

  async read(ids: readonly string[]): Promise<Map<string, CachedUser>> {
    const out = new Map<string, CachedUser>();
    await Promise.all(
      ids.map(async (id) => {
        const h = erasedKey(id);
        const overlay = this.overlay(h);
        if (overlay !== undefined) {
          out.set(id, { record: overlay });
          return;
        }
        const raw = await this.files.read(h);
        // Changed while the file was read: the change is the newer.
        const since = this.overlay(h);
        if (since !== undefined) out.set(id, { record: since });
        else out.set(id, { record: raw === null ? null : this.check(raw, h, id) });
      }),
    );
    return out;
  }

  async subscribers(): Promise<Subscriber[]> {
    return this.index.list();
  }

  async inactiveSince(cutoff: string): Promise<string[]> {
    const ids: string[] = [];
    // A damaged file cannot be judged: it stays, as it is (a read of it says which it is).
    await this.scanRaw((raws) => {
      for (const raw of raws) {
        const { id, updatedAt } = (raw ?? {}) as { id?: unknown; updatedAt?: unknown };
        if (typeof id === 'string' && typeof updatedAt === 'string' && updatedAt < cutoff) ids.push(id);
      }
    }, true);
    return ids;
  }

  /** Every record that can be read (a damaged file is left out): building the subscribers' index again. */
  async scanReadable(visit: (records: UserRecord[]) => void): Promise<void> {
    await this.scanRaw((raws) => visit(raws.flatMap((raw) => (UserRecord.safeParse(raw).data ?? []) as UserRecord[])), true);
  }

  async scan(visit: (records: UserRecord[]) => Promise<void> | void): Promise<void> {
    await this.scanRaw(async (raws, hashes) => {
      await visit(raws.map((raw, i) => this.check(raw, hashes[i]!)));
    });
  }

  /** Every record, the changed ones first, then the files (those changed left out), a slice at a time. */
  private async scanRaw(visit: (raws: unknown[], hashes: string[]) => Promise<void> | void, skipDamaged = false): Promise<void> {
    const changed = new Map([...this.writing, ...this.pending]);
    const fresh = [...changed].filter(([, r]) => r !== null) as Array<[string, UserRecord]>;
    for (let i = 0; i < fresh.length; i += SCAN_SLICE) {
      const slice = fresh.slice(i, i + SCAN_SLICE);
      await visit(
        slice.map(([, r]) => structuredClone(r)),
        slice.map(([h]) => h),
      );
    }
    for await (const folder of this.files.hashes()) {
      const hashes = folder.filter((h) => !changed.has(h));
      for (let i = 0; i < hashes.length; i += SCAN_SLICE) {
        const slice = hashes.slice(i, i + SCAN_SLICE);
        const raws = await Promise.all(slice.map((h) => this.files.read(h).catch((err: unknown) => (skipDamaged ? null : Promise.reject(err)))));
        const kept = slice.filter((_, j) => raws[j] !== null);
        await visit(
          raws.filter((r) => r !== null),
          kept,
        );
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  private overlay(h: string): UserRecord | null | undefined {
    if (this.pending.has(h)) return this.pending.get(h);
    if (this.writing.has(h)) return this.writing.get(h);
    return undefined;
  }

  /** A user file checked by the record's schema (a file that does not pass is a storage error: it is left as it is). */
  private check(raw: unknown, h: string, id?: string): UserRecord {
    const parsed = UserRecord.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new StorageError(`Fichier d'utilisateur ${this.files.fileOf(h)} hors schéma (${first ? `${jsonPath(first.path)} : ${first.message}` : '?'}) : il est laissé tel quel.`);
    }
    if (id !== undefined && parsed.data.id !== id) throw new StorageError(`Fichier d'utilisateur ${this.files.fileOf(h)} : il ne contient pas l'utilisateur attendu.`);
    return parsed.data;
  }
}

/** `task` for each item, WRITE_CONCURRENCY at a time. */
async function inParallel<T>(items: T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(WRITE_CONCURRENCY, items.length) }, worker));
}
