import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { jsonPath } from '../content/content-problem.js';
import { Database, type AnswerFeedback, type Invite, type Pairing, type UnansweredQuestion, type UserRecord } from './user-record.js';

/** Logs for content authors keep the most recent entries only. */
const MAX_LOG_ENTRIES = 10_000;

export class StorageError extends Error {}

export interface UserStoreOptions {
  /** Buffered writes are flushed this long after the first unflushed change. */
  flushDelayMs: number;
  onFlushError?: (err: unknown) => void;
}

/**
 * Users' data (and pairing invitations) in one JSON file under DATA_DIR, through lowdb. Turns change the in-memory copy;
 * the file is rewritten at most once per `flushDelayMs` however many turns happen, and each
 * write goes through a temporary file and a rename, so the file never holds half a write.
 */
export class UserStore {
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private dirty = false;
  private closed = false;
  /** Times the file was rewritten: the benchmark and tests check that bursts are coalesced. */
  writes = 0;

  private constructor(
    private readonly db: Low<Database>,
    readonly file: string,
    private readonly options: UserStoreOptions,
  ) {}

  static async open(dataDir: string, options: UserStoreOptions): Promise<UserStore> {
    const file = path.resolve(dataDir, 'compagnon.json');
    try {
      mkdirSync(path.dirname(file), { recursive: true });
    } catch (err) {
      throw new StorageError(`Impossible de créer le dossier de données ${path.dirname(file)} : ${(err as Error).message}`);
    }
    const db = new Low<Database>(new JSONFile<Database>(file), { version: 1, users: {}, invites: {}, pairings: {}, unanswered: [], feedback: [] });
    try {
      await db.read();
    } catch (err) {
      throw new StorageError(
        `Le fichier de données ${file} est illisible (${(err as Error).message}). Il n'a pas été modifié : ` +
          `corrigez-le ou déplacez-le avant de redémarrer.`,
      );
    }
    const parsed = Database.safeParse(db.data ?? {});
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new StorageError(
        `Le fichier de données ${file} ne respecte pas le schéma attendu (${first ? `${jsonPath(first.path)} : ${first.message}` : '?'}). ` +
          `Il n'a pas été modifié : corrigez-le ou déplacez-le avant de redémarrer.`,
      );
    }
    db.data = parsed.data;
    return new UserStore(db, file, options);
  }

  /** A copy: callers change it freely and `put` it back when their turn succeeded. */
  get(id: string): UserRecord | undefined {
    const record = this.db.data.users[id];
    return record ? structuredClone(record) : undefined;
  }

  /** Copies of the records that match; the predicate reads the stored records, it must not change them. */
  select(predicate: (record: Readonly<UserRecord>) => boolean): UserRecord[] {
    return Object.values(this.db.data.users)
      .filter((r) => predicate(r))
      .map((r) => structuredClone(r));
  }

  put(record: UserRecord): void {
    this.db.data.users[record.id] = structuredClone(record);
    this.markDirty();
  }

  delete(id: string): void {
    delete this.db.data.users[id];
    this.markDirty();
  }

  getInvite(code: string): Invite | undefined {
    const invite = this.db.data.invites[code];
    return invite ? structuredClone(invite) : undefined;
  }

  putInvite(invite: Invite): void {
    this.db.data.invites[invite.code] = structuredClone(invite);
    this.markDirty();
  }

  pairings(): Pairing[] {
    return Object.values(this.db.data.pairings).map((p) => structuredClone(p));
  }

  putPairing(pairing: Pairing): void {
    this.db.data.pairings[pairing.id] = structuredClone(pairing);
    this.markDirty();
  }

  logUnanswered(entry: UnansweredQuestion): void {
    this.appendLog('unanswered', entry);
  }

  unanswered(): UnansweredQuestion[] {
    return structuredClone(this.db.data.unanswered);
  }

  logFeedback(entry: AnswerFeedback): void {
    this.appendLog('feedback', entry);
  }

  private appendLog<K extends 'unanswered' | 'feedback'>(log: K, entry: Database[K][number]): void {
    const entries = this.db.data[log] as Array<Database[K][number]>;
    entries.push(entry);
    if (entries.length > MAX_LOG_ENTRIES) entries.splice(0, entries.length - MAX_LOG_ENTRIES);
    this.markDirty();
  }

  feedback(): AnswerFeedback[] {
    return structuredClone(this.db.data.feedback);
  }

  ids(): string[] {
    return Object.keys(this.db.data.users);
  }

  private markDirty(): void {
    if (this.closed) throw new StorageError('Le stockage est fermé.');
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((err) => this.options.onFlushError?.(err));
    }, this.options.flushDelayMs);
  }

  /** Writes pending changes now; resolves when they are on disk. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.flushing = this.flushing
      .catch(() => undefined)
      .then(async () => {
        if (!this.dirty) return;
        this.dirty = false;
        try {
          await this.db.write();
          this.writes += 1;
        } catch (err) {
          this.dirty = true;
          throw err;
        }
      });
    return this.flushing;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }
}
