import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { jsonPath } from '../content/content-problem.js';
import { z } from 'zod';
import { AnswerFeedback, Database, Invite, Pairing, UnansweredQuestion, UserRecord } from './user-record.js';
import { WriteAheadLog } from './write-ahead-log.js';

/** One change as the write-ahead log keeps it. */
const Change = z.discriminatedUnion('op', [
  z.object({ op: z.literal('user'), v: UserRecord }),
  z.object({ op: z.literal('deleteUser'), id: z.string() }),
  z.object({ op: z.literal('invite'), v: Invite }),
  z.object({ op: z.literal('deleteInvite'), code: z.string() }),
  z.object({ op: z.literal('pairing'), v: Pairing }),
  z.object({ op: z.literal('deletePairing'), id: z.string() }),
  z.object({ op: z.literal('unanswered'), v: UnansweredQuestion }),
  z.object({ op: z.literal('feedback'), v: AnswerFeedback }),
]);
type Change = z.infer<typeof Change>;

export const DATA_FILE = 'compagnon.json';
export const WAL_FILE = 'compagnon.wal';

/** Logs for content authors keep the most recent entries only. */
const MAX_LOG_ENTRIES = 10_000;

export class StorageError extends Error {}

export interface UserStoreOptions {
  /** Buffered writes are flushed this long after the first unflushed change. */
  flushDelayMs: number;
  onFlushError?: (err: unknown) => void;
  /** What to do when the data file cannot be read: refuse to start (default), use the backup, or start empty. */
  recovery?: 'refuse' | 'backup' | 'empty';
  /** Told when the store started from the backup or empty data (to log it). */
  onRecovery?: (event: { recovery: string; kept: string; problem: string }) => void;
}

/** How often the data file is copied to `.bak` (the backup used by DATA_RECOVERY=backup). */
const BACKUP_EVERY_MS = 10 * 60_000;

function emptyDatabase(): Database {
  return { version: 1, users: {}, invites: {}, pairings: {}, unanswered: [], feedback: [] };
}

type ReadResult = { ok: true; data: Database } | { ok: false; problem: string };

/** A data file read and checked; a missing file is empty data, or a problem when `mustExist`. */
async function readDatabase(file: string, mustExist = false): Promise<ReadResult> {
  if (!existsSync(file)) return mustExist ? { ok: false, problem: 'absent' } : { ok: true, data: emptyDatabase() };
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    return { ok: false, problem: `JSON invalide (${(err as Error).message})` };
  }
  const parsed = Database.safeParse(raw ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, problem: `hors schéma (${first ? `${jsonPath(first.path)} : ${first.message}` : '?'})` };
  }
  return { ok: true, data: parsed.data };
}

function backupDescription(file: string, data: Database): string {
  return `${Object.keys(data.users).length} utilisateurs, du ${statSync(`${file}.bak`).mtime.toISOString().slice(0, 16).replace('T', ' ')}`;
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
  /** How long the last rewrite took: a big file is rewritten less often (see markDirty). */
  private lastWriteMs = 0;
  private lastBackupAt = 0;
  /** Changes found in the write-ahead log at start-up (a stop between two snapshots). */
  readonly replayed: number;

  private constructor(
    private readonly db: Low<Database>,
    readonly file: string,
    private readonly wal: WriteAheadLog,
    private readonly options: UserStoreOptions,
    replayed: number,
  ) {
    this.replayed = replayed;
    if (replayed > 0) this.markDirty();
  }

  static async open(dataDir: string, options: UserStoreOptions): Promise<UserStore> {
    const file = path.resolve(dataDir, DATA_FILE);
    try {
      mkdirSync(path.dirname(file), { recursive: true });
    } catch (err) {
      throw new StorageError(`Impossible de créer le dossier de données ${path.dirname(file)} : ${(err as Error).message}`);
    }
    const db = new Low<Database>(new JSONFile<Database>(file), emptyDatabase());
    const main = await readDatabase(file);
    if (main.ok) db.data = main.data;
    else {
      // Never start silently with empty data: keep the damaged file, then do what was chosen.
      const kept = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      copyFileSync(file, kept);
      const backup = await readDatabase(`${file}.bak`, true);
      const recovery = options.recovery ?? 'refuse';
      if (recovery === 'backup' && backup.ok) db.data = backup.data;
      else if (recovery === 'empty') db.data = emptyDatabase();
      else {
        const fromBackup = backup.ok
          ? `DATA_RECOVERY=backup repart de la dernière sauvegarde (${backupDescription(file, backup.data)}) et des changements enregistrés depuis`
          : `aucune sauvegarde lisible (${path.basename(file)}.bak)`;
        throw new StorageError(
          `Le fichier de données ${file} est illisible : ${main.problem}. Une copie est gardée dans ${kept}. ` +
            `Pour redémarrer, choisissez : réparer ou remplacer le fichier ; ${fromBackup} ; ou DATA_RECOVERY=empty repart de données vides.`,
        );
      }
      options.onRecovery?.({ recovery, kept, problem: main.problem });
    }
    const walFile = path.resolve(dataDir, WAL_FILE);
    let replayed = 0;
    for (const line of WriteAheadLog.read(walFile)) {
      const change = Change.safeParse(line);
      if (change.success) {
        applyChange(db.data, change.data);
        replayed += 1;
      }
    }
    let wal: WriteAheadLog;
    try {
      wal = WriteAheadLog.open(walFile);
    } catch (err) {
      throw new StorageError(`Le dossier de données ${path.dirname(file)} n'est pas accessible en écriture (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
    }
    return new UserStore(db, file, wal, options, replayed);
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
    this.change({ op: 'user', v: structuredClone(record) });
  }

  delete(id: string): void {
    this.change({ op: 'deleteUser', id });
  }

  getInvite(code: string): Invite | undefined {
    const invite = this.db.data.invites[code];
    return invite ? structuredClone(invite) : undefined;
  }

  putInvite(invite: Invite): void {
    this.change({ op: 'invite', v: structuredClone(invite) });
  }

  deleteInvite(code: string): void {
    this.change({ op: 'deleteInvite', code });
  }

  pairings(): Pairing[] {
    return Object.values(this.db.data.pairings).map((p) => structuredClone(p));
  }

  putPairing(pairing: Pairing): void {
    this.change({ op: 'pairing', v: structuredClone(pairing) });
  }

  deletePairing(id: string): void {
    this.change({ op: 'deletePairing', id });
  }

  invites(): Invite[] {
    return Object.values(this.db.data.invites).map((i) => structuredClone(i));
  }

  logUnanswered(entry: UnansweredQuestion): void {
    this.change({ op: 'unanswered', v: entry });
  }

  unanswered(): UnansweredQuestion[] {
    return structuredClone(this.db.data.unanswered);
  }

  logFeedback(entry: AnswerFeedback): void {
    this.change({ op: 'feedback', v: entry });
  }

  /**
   * Every change is written to the log before it is applied: if the log cannot be written (disk
   * full, read-only), the change is refused and the caller's turn fails without losing anything.
   */
  private change(change: Change): void {
    if (this.closed) throw new StorageError('Le stockage est fermé.');
    this.wal.append(change);
    applyChange(this.db.data, change);
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
    // Each write rewrites the whole file: with many users it takes long, and a steady trickle of
    // changes (a Thursday broadcast) would keep the CPU busy writing. Waiting 9 times the last
    // write's duration keeps writing under a tenth of the time; small files keep flushDelayMs.
    const delay = Math.max(this.options.flushDelayMs, Math.round(this.lastWriteMs * 9));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((err) => this.options.onFlushError?.(err));
    }, delay);
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
          if (Date.now() - this.lastBackupAt > BACKUP_EVERY_MS && existsSync(this.file)) {
            copyFileSync(this.file, `${this.file}.bak`);
            this.lastBackupAt = Date.now();
          }
          // Set aside in the same tick as the snapshot is serialised: what follows goes to a new file.
          const generation = this.wal.rotate();
          const started = performance.now();
          await this.db.write();
          this.lastWriteMs = performance.now() - started;
          this.writes += 1;
          this.wal.release(generation);
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
    this.wal.close();
  }
}

function applyChange(data: Database, change: Change): void {
  switch (change.op) {
    case 'user':
      data.users[change.v.id] = change.v;
      return;
    case 'deleteUser':
      delete data.users[change.id];
      return;
    case 'invite':
      data.invites[change.v.code] = change.v;
      return;
    case 'deleteInvite':
      delete data.invites[change.code];
      return;
    case 'pairing':
      data.pairings[change.v.id] = change.v;
      return;
    case 'deletePairing':
      delete data.pairings[change.id];
      return;
    case 'unanswered':
    case 'feedback': {
      const entries = data[change.op] as Array<typeof change.v>;
      entries.push(change.v);
      if (entries.length > MAX_LOG_ENTRIES) entries.splice(0, entries.length - MAX_LOG_ENTRIES);
      return;
    }
  }
}
