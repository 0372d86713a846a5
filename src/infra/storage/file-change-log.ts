import { copyFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { jsonPath } from '../../content/content-problem.js';
import { Database } from '../../domain/user-record.js';
import type { Clock } from '../../domain/clock.js';
import { WriteAheadLog } from './write-ahead-log.js';
import { captureSnapshot, writeSnapshot } from './snapshot-writer.js';
import type { ChangeLog } from './change-log.js';
import { applyChange, Batch, Change, DEFAULT_TOMBSTONE_DAYS, emptyDatabase, pruneResumeGrants, pruneTombstones, type PreparedChange } from './store-changes.js';
import { FileUserShelf } from './file-user-shelf.js';
import { SubscriberIndex, SUBSCRIBERS_FILE } from './subscriber-index.js';
import { UserFiles, USERS_DIR } from './user-files.js';
import { StorageError } from './storage-errors.js';

export const DATA_FILE = 'compagnon.json';
export const WAL_FILE = 'compagnon.wal';

export interface FileLogOptions {
  /** Buffered writes are flushed this long after the first unflushed change. */
  flushDelayMs: number;
  /** Dates the copy of a damaged file and ages the erasures at start-up. */
  now: Clock;
  onFlushError?: (err: unknown) => void;
  /** What to do when the data file cannot be read: refuse to start (default), use the backup, or start empty. */
  recovery?: 'refuse' | 'backup' | 'empty';
  /**
   * Told when the store started from the backup or empty data (to log it). `lost` says which
   * acknowledged changes could not be recovered, when some could not (absent: none).
   */
  onRecovery?: (event: { recovery: string; kept: string; problem: string; lost?: string }) => void;
  /** Days an erased user's id stays refused (default DEFAULT_TOMBSTONE_DAYS). */
  tombstoneDays?: number;
}

/** A data directory opened: its log, the data it holds, and how many logged changes were replayed over the snapshot. */
export interface OpenedFileLog {
  log: FileChangeLog;
  data: Database;
  replayed: number;
}

/** How often the data file is copied to `.bak` (the backup used by DATA_RECOVERY=backup). */
const BACKUP_EVERY_MS = 10 * 60_000;

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

const minute = (date: Date) => date.toISOString().slice(0, 16).replace('T', ' ');

function backupDescription(file: string): string {
  return `du ${minute(statSync(`${file}.bak`).mtime)}`;
}

/**
 * What a start from the backup cannot give back, or undefined when the backup and the log hold
 * every acknowledged change: the generations after the backup's must all be there.
 */
function lostSinceBackup(file: string, walFile: string, covered: number | undefined): string | undefined {
  const generations = WriteAheadLog.generations(walFile);
  const since = `la sauvegarde (${minute(statSync(`${file}.bak`).mtime)})`;
  if (covered === undefined) {
    const oldest = generations[0];
    const until = oldest === undefined ? 'le dernier instantané' : `le ${minute(statSync(`${walFile}.${oldest}`).mtime)}`;
    return `sauvegarde d'un ancien format : les changements faits entre ${since} et ${until} peuvent manquer`;
  }
  const after = generations.filter((n) => n > covered);
  const missing: number[] = [];
  for (let n = covered + 1, i = 0; i < after.length; n++) {
    if (after[i] === n) i++;
    else missing.push(n);
  }
  if (missing.length === 0) return undefined;
  const next = after.find((n) => n > missing.at(-1)!);
  const until = next === undefined ? 'le dernier instantané' : `le ${minute(statSync(`${walFile}.${next}`).mtime)}`;
  const names = missing.slice(0, 5).map((n) => `${path.basename(walFile)}.${n}`).join(', ') + (missing.length > 5 ? '…' : '');
  return `${missing.length} tranche${missing.length > 1 ? 's' : ''} du journal manque${missing.length > 1 ? 'nt' : ''} (${names}) : des changements faits entre ${since} et ${until} sont perdus`;
}

/**
 * The store's changes in DATA_DIR: each batch appended to the write-ahead log (one line, before
 * the turn replies), and a snapshot of the whole data (`compagnon.json`, through lowdb's data)
 * at most once per `flushDelayMs`, or 9 times the last snapshot's duration; a backup (`.bak`)
 * every 10 minutes, and at once after an erasure, which also deletes the older log generations.
 */
export class FileChangeLog implements ChangeLog {
  /** One server owns a data directory, and a batch is appended before it is applied. */
  readonly shared = false;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private dirty = false;
  /** Times the file was rewritten: the benchmark and tests check that bursts are coalesced. */
  writes = 0;
  /** How long the last rewrite took: a big file is rewritten less often (see markDirty). */
  private lastWriteMs = 0;
  /** performance.now() of the last backup; never at first, so that the first snapshot backs up the file before it. */
  private lastBackupAt = -Infinity;
  /** The log generation the snapshot on disk holds, and whether that file is readable (not after a recovery). */
  private snapshotGeneration: number;
  private snapshotValid: boolean;
  /** The log generation the backup on disk holds: later generations are kept until the next backup. */
  private backupGeneration = 0;
  /** A user was erased: the next flush rewrites the snapshot and the backup and drops the old log generations. */
  private scrubPending = false;

  private constructor(
    private readonly db: Low<Database>,
    readonly file: string,
    private readonly wal: WriteAheadLog,
    readonly users: FileUserShelf,
    private readonly options: FileLogOptions,
    start: { snapshotGeneration: number; snapshotValid: boolean },
  ) {
    this.snapshotGeneration = start.snapshotGeneration;
    this.snapshotValid = start.snapshotValid;
  }

  static async open(dataDir: string, options: FileLogOptions): Promise<OpenedFileLog> {
    const file = path.resolve(dataDir, DATA_FILE);
    try {
      mkdirSync(path.dirname(file), { recursive: true });
    } catch (err) {
      throw new StorageError(`Impossible de créer le dossier de données ${path.dirname(file)} : ${(err as Error).message}`);
    }
    const walFile = path.resolve(dataDir, WAL_FILE);
    const db = new Low<Database>(new JSONFile<Database>(file), emptyDatabase());
    const main = await readDatabase(file);
    /** The log generations the starting data already holds (undefined: unknown, replay them all). */
    let covered: number | undefined;
    let floor = 0;
    let replay = true;
    if (main.ok) {
      db.data = main.data;
      covered = main.data.walGeneration;
    } else {
      // Never start silently with empty data: keep the damaged file, then do what was chosen.
      const kept = `${file}.corrupt-${options.now().toISOString().replace(/[:.]/g, '-')}`;
      copyFileSync(file, kept);
      const backup = await readDatabase(`${file}.bak`, true);
      const recovery = options.recovery ?? 'refuse';
      const lost = backup.ok ? lostSinceBackup(file, walFile, backup.data.walGeneration) : undefined;
      if (backup.ok) floor = backup.data.walGeneration ?? 0;
      if (recovery === 'backup' && backup.ok) {
        db.data = backup.data;
        covered = backup.data.walGeneration;
      } else if (recovery === 'empty') {
        // Empty means empty: not the part of the old data the log happens to hold, nor the users' files.
        db.data = emptyDatabase();
        replay = false;
        const users = path.resolve(dataDir, USERS_DIR);
        if (existsSync(users)) renameSync(users, `${users}.discarded-${options.now().toISOString().replace(/[:.]/g, '-')}`);
      } else {
        const fromBackup = backup.ok
          ? `DATA_RECOVERY=backup repart de la dernière sauvegarde (${backupDescription(file)}) et des changements enregistrés depuis${lost ? ` (attention : ${lost})` : ''}`
          : `aucune sauvegarde lisible (${path.basename(file)}.bak)`;
        throw new StorageError(
          `Le fichier de données ${file} est illisible : ${main.problem}. Une copie est gardée dans ${kept}. ` +
            `Pour redémarrer, choisissez : réparer ou remplacer le fichier ; ${fromBackup} ; ou DATA_RECOVERY=empty repart de données vides.`,
        );
      }
      options.onRecovery?.({ recovery, kept, problem: main.problem, ...(recovery === 'backup' && lost ? { lost } : {}) });
    }
    const files = new UserFiles(path.resolve(dataDir, USERS_DIR));
    const indexFile = path.resolve(dataDir, SUBSCRIBERS_FILE);
    // A data file of an earlier version holds the users themselves: each goes to a file of its own at the first flush.
    const legacy = Object.values(db.data.users);
    let index = replay ? await SubscriberIndex.read(indexFile) : undefined;
    const rebuilt = index === undefined && legacy.length === 0 && replay && existsSync(files.dir);
    index ??= SubscriberIndex.empty(indexFile);
    const shelf = new FileUserShelf(files, index);
    // No index beside users' files (removed, damaged): built again from the files, once.
    if (rebuilt) await shelf.scanReadable((records) => records.forEach((r) => index.note(r)));
    for (const record of legacy) shelf.put(record);
    db.data.users = {};
    let replayed = 0;
    for (const line of replay ? WriteAheadLog.read(walFile, covered ?? 0) : []) {
      // A batch is one line: all its changes are replayed, in order.
      const batch = Batch.safeParse(line);
      for (const item of batch.success ? batch.data.changes : [line]) {
        const change = Change.safeParse(item);
        if (change.success) {
          applyChange(db.data, change.data, shelf);
          replayed += 1;
        }
      }
    }
    const pruned = pruneTombstones(db.data, options.now(), options.tombstoneDays ?? DEFAULT_TOMBSTONE_DAYS) || pruneResumeGrants(db.data, options.now());
    let wal: WriteAheadLog;
    try {
      wal = WriteAheadLog.open(walFile, Math.max(floor, covered ?? 0));
    } catch (err) {
      throw new StorageError(`Le dossier de données ${path.dirname(file)} n'est pas accessible en écriture (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
    }
    const log = new FileChangeLog(db, file, wal, shelf, options, { snapshotGeneration: main.ok ? (covered ?? 0) : 0, snapshotValid: main.ok });
    // After a replay, a pruning or a recovery the file on disk is behind or damaged: write a good snapshot at once.
    if (replayed > 0 || pruned || !main.ok || legacy.length > 0) log.changed(false);
    return { log, data: db.data, replayed };
  }

  /**
   * The batch as ONE line of the log, written before the store applies it: a crash keeps all of
   * it or none. If the log cannot be written (disk full, read-only), this throws and nothing is applied.
   */
  append(changes: readonly PreparedChange[]): void {
    this.wal.appendLine(changes.length === 1 ? changes[0]!.line : `{"op":"batch","changes":[${changes.map((c) => c.line).join(',')}]}`);
  }

  /**
   * The data changed: a snapshot is due. After an erasure it is started at once; once it is on
   * disk the backup is replaced by it and every older log generation deleted, so that no file of
   * the data directory holds the user any more (`flush()` resolves when that is done).
   */
  /** The data directory was opened and locked at start-up: nothing to reach. */
  check(): Promise<void> {
    return Promise.resolve();
  }

  changed(erased: boolean): void {
    this.markDirty();
    if (erased) {
      this.scrubPending = true;
      this.flush().catch((err) => this.options.onFlushError?.(err));
    }
  }

  private markDirty(): void {
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

  /** Copies the snapshot on disk to `.bak` (through a temporary file): the log generations it holds can go. */
  private async backup(): Promise<void> {
    // The users' files written so far reach the disk before the log generations that also hold their changes go.
    await this.users.syncWritten();
    const tmp = `${this.file}.bak.tmp`;
    copyFileSync(this.file, tmp);
    renameSync(tmp, `${this.file}.bak`);
    this.backupGeneration = this.snapshotGeneration;
    // A duration, not a date: monotonic time (a clock set to another day must not stop backups).
    this.lastBackupAt = performance.now();
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
        const scrub = this.scrubPending;
        this.scrubPending = false;
        try {
          // The backup is the snapshot before this one; after an erasure it is this one (below).
          if (!scrub && this.snapshotValid && performance.now() - this.lastBackupAt > BACKUP_EVERY_MS && existsSync(this.file)) await this.backup();
          // Set aside in the same tick as the snapshot is serialised: what follows goes to a new file.
          const generation = this.wal.rotate();
          this.db.data.walGeneration = generation;
          const snapshot = captureSnapshot(this.db.data);
          this.users.take();
          // The users' files first: a data file naming a generation is written only once every
          // record changed before it is on disk (a crash in between replays those changes again).
          await this.users.writeTaken();
          // Only these two files grow with the data (the users' files are few per flush: those
          // who wrote since the last one): their time spaces the flushes, so that the changed
          // records waiting in memory stay few.
          const started = performance.now();
          await this.users.writeIndex();
          await writeSnapshot(this.file, snapshot);
          this.lastWriteMs = performance.now() - started;
          this.writes += 1;
          this.snapshotGeneration = generation;
          this.snapshotValid = true;
          // An erased user must not stay in the backup: it becomes this snapshot, and no older
          // generation is needed any more.
          if (scrub) await this.backup();
          this.wal.release(this.backupGeneration);
        } catch (err) {
          this.dirty = true;
          if (scrub) this.scrubPending = true;
          throw err;
        }
      });
    return this.flushing;
  }

  async close(): Promise<void> {
    await this.flush();
    this.wal.close();
  }
}
