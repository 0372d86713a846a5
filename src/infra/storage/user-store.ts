import type { Database } from '../../domain/user-record.js';
import type { AnswerFeedback, Invite, Pairing, ResumeGrant, UnansweredQuestion, UserRecord } from '../../domain/user-record.js';
import type { ChangeLog, Subscriber, UserSink } from './change-log.js';
import { UserCache, type CachedUser } from './user-cache.js';
import { FileChangeLog, type FileLogOptions } from './file-change-log.js';
import { applyChange, DEFAULT_TOMBSTONE_DAYS, erasedKey, pruneTombstones, type PreparedChange } from './store-changes.js';
import { StorageError } from './storage-errors.js';
import { StoreBatch } from './store-batch.js';
import { noteBefore, undoOf } from './shared-writes.js';

export { DATA_FILE, WAL_FILE } from './file-change-log.js';
export { ErasedUserError, RecordTooLargeError, StorageError } from './storage-errors.js';
export { DEFAULT_TOMBSTONE_DAYS } from './store-changes.js';
export { MAX_INBOX, StoreBatch } from './store-batch.js';

/** Largest user record `put` accepts, in bytes of JSON, unless UserStore.open is told otherwise. */
export const DEFAULT_MAX_RECORD_BYTES = 64 * 1024;
/** Users held in memory at most, unless UserStore.open is told otherwise (see UserCache). */
export const DEFAULT_CACHE_SIZE = 2_000;
/** Reads of a user again when another write came in while it was read. */
const LOAD_TRIES = 5;

export interface UserStoreOptions extends FileLogOptions {
  /** Told when a database refused a batch (it was undone in memory; a turn waiting for it fails too). */
  onWriteError?: (err: unknown) => void;
  /** Largest user record `put` accepts, in bytes of JSON (default DEFAULT_MAX_RECORD_BYTES). */
  maxRecordBytes?: number;
  /** Users held in memory at most (default DEFAULT_CACHE_SIZE). */
  cacheSize?: number;
}

/**
 * Users' data: pairing invitations and pairings, resume codes, the logs for content authors and
 * erasures in memory; users' records read on demand, the most recently used held in memory (see
 * UserCache). Each change is checked as it is added to a batch and kept by a `ChangeLog`: the
 * data directory's write-ahead log, snapshot and user files (`UserStore.open`, the default), or
 * PostgreSQL (`openPostgresStore`).
 */
export class UserStore {
  private closed = false;
  private readonly maxRecordBytes: number;
  private readonly cache: UserCache;

  constructor(
    private readonly data: Database,
    private readonly log: ChangeLog,
    private readonly options: Pick<UserStoreOptions, 'maxRecordBytes' | 'tombstoneDays' | 'onWriteError' | 'cacheSize'>,
    /** Changes found in the write-ahead log at start-up (a stop between two snapshots). */
    readonly replayed = 0,
  ) {
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.cache = new UserCache(options.cacheSize ?? DEFAULT_CACHE_SIZE);
  }

  /** The store of a data directory (see FileChangeLog). */
  static async open(dataDir: string, options: UserStoreOptions): Promise<UserStore> {
    const { log, data, replayed } = await FileChangeLog.open(dataDir, options);
    return new UserStore(data, log, options, replayed);
  }

  /** The data file (the file store only). */
  get file(): string {
    return this.log instanceof FileChangeLog ? this.log.file : '';
  }

  /** Times the data file was rewritten (the file store only): the benchmark and tests check that bursts are coalesced. */
  get writes(): number {
    return this.log instanceof FileChangeLog ? this.log.writes : 0;
  }

  /** A copy of the user's record (undefined: none): callers change it freely and `put` it back when their turn succeeded. */
  async read(id: string): Promise<UserRecord | undefined> {
    const entry = await this.load(id);
    return entry.record ? structuredClone(entry.record) : undefined;
  }

  /**
   * Brings these users into memory and keeps them there until the returned function is called:
   * meanwhile `cached` reads them without waiting (a turn reads and writes in one tick).
   */
  async hold(ids: readonly string[]): Promise<() => void> {
    const release = this.cache.pin(ids);
    try {
      await Promise.all(ids.map((id) => this.load(id, true)));
    } catch (err) {
      release();
      throw err;
    }
    return release;
  }

  /** A copy of a record held in memory (see `hold`); undefined when there is none, or it is not held. */
  cached(id: string): UserRecord | undefined {
    const record = this.cache.peek(id)?.record;
    return record ? structuredClone(record) : undefined;
  }

  /** Whether `close` was called: nothing more can be written. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Users held in memory now. */
  get cachedUsers(): number {
    return this.cache.size;
  }

  /** Every subscriber of the Thursday prompts, with what says when they are due. */
  subscribers(): Promise<Subscriber[]> {
    return this.log.users.subscribers();
  }

  /** Ids of the users whose last activity is before `cutoff`. */
  inactiveSince(cutoff: Date): Promise<string[]> {
    return this.log.users.inactiveSince(cutoff.toISOString());
  }

  /** Every stored record, a page at a time (copies; never all in memory at once). */
  scan(visit: (records: UserRecord[]) => Promise<void> | void): Promise<void> {
    return this.log.users.scan(visit);
  }

  /** The ids of every stored user (a scan: for tools and tests, not for a turn). */
  async ids(): Promise<string[]> {
    const ids: string[] = [];
    await this.scan((records) => void ids.push(...records.map((r) => r.id)));
    return ids;
  }

  /**
   * The user as stored, from memory or else from storage (then held in memory). A read that
   * another write overtook is read again: an older record never replaces a newer one in memory.
   */
  private async load(id: string, mustCache = false): Promise<CachedUser> {
    for (let attempt = 1; ; attempt++) {
      const known = this.cache.get(id);
      if (known) return known;
      this.cache.startLoad(id);
      let read: CachedUser | undefined;
      let fresh = false;
      try {
        read = (await this.log.users.read([id])).get(id);
      } finally {
        fresh = this.cache.finishLoad(id);
      }
      const now = this.cache.get(id);
      if (now) return now;
      const entry = read ?? { record: null };
      if (fresh || attempt >= LOAD_TRIES) {
        if (fresh || mustCache) this.cache.set(id, entry);
        return entry;
      }
    }
  }

  /** Whether the user with this id erased their data (or was erased by retention) in the last DEFAULT_TOMBSTONE_DAYS days. */
  wasErased(id: string): boolean {
    return this.data.erased[erasedKey(id)] !== undefined;
  }

  getInvite(code: string): Invite | undefined {
    const invite = this.data.invites[code];
    return invite ? structuredClone(invite) : undefined;
  }

  /** The other user of this user's pairing under way, if any. */
  partnerOf(userId: string): string | undefined {
    for (const p of Object.values(this.data.pairings)) if (!p.cancelledAt && p.users.includes(userId)) return p.users.find((u) => u !== userId);
    return undefined;
  }

  pairings(): Pairing[] {
    return Object.values(this.data.pairings).map((p) => structuredClone(p));
  }

  invites(): Invite[] {
    return Object.values(this.data.invites).map((i) => structuredClone(i));
  }

  /** Resume codes under way (copies), expired ones included until they are pruned. */
  resumeGrants(): ResumeGrant[] {
    return Object.values(this.data.resumeGrants).map((g) => structuredClone(g));
  }

  getResumeGrant(id: string): ResumeGrant | undefined {
    const grant = this.data.resumeGrants[id];
    return grant ? structuredClone(grant) : undefined;
  }

  unanswered(): UnansweredQuestion[] {
    return structuredClone(this.data.unanswered);
  }

  /** A set of changes to write together (see `commit`); each is checked as it is added. */
  batch(): StoreBatch {
    return new StoreBatch(this);
  }

  /**
   * Writes a batch: its changes go to the log as ONE line (or one transaction) and are applied
   * here, so that a crash keeps all of them or none (a turn's record, its pairing and its logs; an
   * erasure and the invitations and pairings it removes). If the file log cannot be written (disk
   * full, read-only), nothing is applied and the caller's turn fails without losing anything.
   * With a database the changes are applied at once (this process reads them in the same tick)
   * and the returned promise resolves once they are committed; if the transaction fails they are
   * undone here and the promise rejects.
   */
  commit(batch: StoreBatch): void | Promise<void> {
    const changes = batch.changes;
    if (changes.length === 0) return;
    if (this.closed) throw new StorageError('Le stockage est fermé.');
    if (this.log.shared) noteBefore(this.data, this.cache, changes);
    const undo = this.log.shared ? undoOf(this.data, this.cache, changes) : undefined;
    const kept = this.log.append(changes);
    let erasedAt: string | undefined;
    for (const c of changes) {
      applyChange(this.data, c.change, this.sink(c), c.erasedId);
      if (c.change.op === 'erase') erasedAt = c.change.at;
    }
    // Every copy of an erased user goes at once (see ChangeLog.changed).
    if (erasedAt !== undefined) pruneTombstones(this.data, new Date(erasedAt), this.options.tombstoneDays ?? DEFAULT_TOMBSTONE_DAYS);
    this.log.changed(erasedAt !== undefined);
    if (!kept) return;
    const settled = kept.catch((err: unknown) => {
      undo?.();
      throw err;
    });
    // A caller that does not wait (a logged question) must not leave a rejection unhandled; one that
    // waits (a turn) still gets it.
    settled.catch((err: unknown) => this.options.onWriteError?.(err));
    return settled;
  }

  /**
   * Where a change's user goes: the log's shelf (the data directory writes it at the next flush)
   * and memory, with the row version it will have once committed (a shared database: unknown
   * when the write did not say which version it replaces, and then not held).
   */
  private sink(p: PreparedChange): UserSink {
    const shelf = this.log.users;
    const cache = this.cache;
    const shared = this.log.shared;
    return {
      put(record) {
        shelf.put(record, p.json);
        if (!shared) return cache.set(record.id, { record });
        const before = p.before;
        if (typeof before === 'number') cache.set(record.id, { record, version: before + 1 });
        else if (before === null) cache.set(record.id, { record, version: 1 });
        else cache.delete(record.id);
      },
      delete(id) {
        shelf.delete(id);
        cache.set(id, { record: null });
      },
      erase(h, id) {
        shelf.erase(h, id);
        if (id !== undefined) cache.set(id, { record: null });
        else for (const known of cache.ids()) if (erasedKey(known) === h) cache.set(known, { record: null });
      },
    };
  }

  /** Saves one record (see StoreBatch.put). */
  put(record: UserRecord): void | Promise<void> {
    return this.commit(this.batch().put(record));
  }

  /** Removes a record without remembering it (an erasure goes through `erase`). */
  delete(id: string): void | Promise<void> {
    return this.commit(this.batch().delete(id));
  }

  /**
   * Erases a user: their record goes, their id is remembered only as a hash (see `wasErased`),
   * and a snapshot is started at once; once it is on disk the backup is replaced by it and every
   * older log generation deleted, so that no file of the data directory holds the user any more.
   * `flush()` resolves when that is done.
   */
  erase(id: string, now: Date): void | Promise<void> {
    return this.commit(this.batch().erase(id, now));
  }

  /** See StoreBatch.reopen. */
  reopen(id: string): void | Promise<void> {
    return this.commit(this.batch().reopen(id));
  }

  putInvite(invite: Invite): void | Promise<void> {
    return this.commit(this.batch().putInvite(invite));
  }

  deleteInvite(code: string): void | Promise<void> {
    return this.commit(this.batch().deleteInvite(code));
  }

  putPairing(pairing: Pairing): void | Promise<void> {
    return this.commit(this.batch().putPairing(pairing));
  }

  deletePairing(id: string): void | Promise<void> {
    return this.commit(this.batch().deletePairing(id));
  }

  logUnanswered(entry: UnansweredQuestion): void | Promise<void> {
    return this.commit(this.batch().logUnanswered(entry));
  }

  putResumeGrant(grant: ResumeGrant): void | Promise<void> {
    return this.commit(this.batch().putResumeGrant(grant));
  }

  deleteResumeGrant(id: string): void | Promise<void> {
    return this.commit(this.batch().deleteResumeGrant(id));
  }

  logFeedback(entry: AnswerFeedback): void | Promise<void> {
    return this.commit(this.batch().logFeedback(entry));
  }

  /**
   * Records that the bot introduced itself in a team or group chat; false (and nothing written)
   * when it already had. The check and the write happen in one tick: of two announcements of
   * the same arrival, one only is told true.
   */
  firstIntroduction(conversationId: string, now: Date): boolean {
    const h = erasedKey(conversationId);
    if (this.data.introduced[h] !== undefined) return false;
    this.commit(this.batch().introduced(h, now));
    return true;
  }

  /** What a batch checks a record against. */
  get limits(): { maxRecordBytes: number } {
    return { maxRecordBytes: this.maxRecordBytes };
  }

  feedback(): AnswerFeedback[] {
    return structuredClone(this.data.feedback);
  }

  /** Erasures remembered: the SHA-256 of each erased id → when (copies; no id in them). */
  erasures(): Record<string, string> {
    return { ...this.data.erased };
  }

  /** Team and group chats introduced to: the SHA-256 of each conversation id → when, oldest first. */
  introductions(): Record<string, string> {
    return { ...this.data.introduced };
  }

  /**
   * What another server changed (a database shared by several): these users are read again at
   * their next use, and with `shared` the invitations, pairings, resume codes and erasures are
   * read again now. For the data directory there is nothing to read again (one server owns it).
   */
  async refresh(userIds: readonly string[], shared = true): Promise<void> {
    if (!this.log.shared) return;
    for (const id of userIds) this.cache.delete(id);
    if (!shared || !this.log.reload) return;
    const read = await this.log.reload();
    // From here to the end, one tick: what the log notes and what is in memory go together.
    const fresh = this.log.adopt ? this.log.adopt(read) : read;
    if (fresh) Object.assign(this.data, fresh);
  }

  /** Forgets every user held in memory (notifications from other servers were missed): each is read again at their next use. */
  forgetCached(): void {
    for (const id of this.cache.ids()) this.cache.delete(id);
  }

  /** Rejects when the storage cannot be reached now (see ChangeLog.check). */
  check(): Promise<void> {
    return this.log.check();
  }

  /** Writes pending changes now; resolves when they are kept. */
  flush(): Promise<void> {
    return this.log.flush();
  }

  async close(): Promise<void> {
    await this.log.flush();
    this.closed = true;
    await this.log.close();
  }
}
