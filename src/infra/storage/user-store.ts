import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { jsonPath } from '../../content/content-problem.js';
import { z } from 'zod';
import { AnswerFeedback, Database, Invite, Pairing, ResumeGrant, UnansweredQuestion, UserRecord } from '../../domain/user-record.js';
import { jsonBytes, trimHistory } from '../../domain/conversation-history.js';
import type { Clock } from '../../domain/clock.js';
import { WriteAheadLog } from './write-ahead-log.js';
import { captureSnapshot, writeSnapshot } from './snapshot-writer.js';

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
  z.object({ op: z.literal('resumeGrant'), v: ResumeGrant }),
  z.object({ op: z.literal('deleteResumeGrant'), id: z.string() }),
  /** A user erased: `h` is the SHA-256 of their id (the log never names them again). */
  z.object({ op: z.literal('erase'), h: z.string(), at: z.string() }),
  z.object({ op: z.literal('reopen'), h: z.string() }),
  /** The bot introduced itself in a team or group chat: `h` is the SHA-256 of the conversation id. */
  z.object({ op: z.literal('introduced'), h: z.string(), at: z.string() }),
]);
/** Changes written as one line of the log: all of them survive a crash, or none. */
const Batch = z.object({ op: z.literal('batch'), changes: z.array(z.unknown()) });
type Change = z.infer<typeof Change>;

export const DATA_FILE = 'compagnon.json';
export const WAL_FILE = 'compagnon.wal';

/** Logs for content authors keep the most recent entries only. */
const MAX_LOG_ENTRIES = 10_000;
/** Group chats remembered as introduced: the most recent ones (an older one would only hear the introduction again). */
const MAX_INTRODUCED = 50_000;

export class StorageError extends Error {}

/** A user record larger than the store accepts: nothing was written, the stored record is unchanged. */
export class RecordTooLargeError extends StorageError {
  override readonly name = 'RecordTooLargeError';
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`La fiche de l'utilisateur dépasserait la taille maximale (${bytes} octets pour ${limit} au plus) : le changement est refusé, rien n'est écrit.`);
  }
}

/** A record under the id of a user whose data was erased: refused, so that nothing of the old id comes back. */
export class ErasedUserError extends StorageError {
  override readonly name = 'ErasedUserError';
  constructor() {
    super("Les données de cet utilisateur ont été effacées : aucune fiche ne peut être recréée sous le même identifiant.");
  }
}

/** Largest user record `put` accepts, in bytes of JSON, unless UserStore.open is told otherwise. */
export const DEFAULT_MAX_RECORD_BYTES = 64 * 1024;
/** Messages kept in a user's inbox (prompts waiting for their next visit): the most recent ones. */
export const MAX_INBOX = 10;
/** How long an erasure is remembered: longer than any report link (30 days) or identity cookie (1 year). */
export const DEFAULT_TOMBSTONE_DAYS = 400;

/** What the store keeps of an erased user's id. */
function erasedKey(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

export interface UserStoreOptions {
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
  /** Largest user record `put` accepts, in bytes of JSON (default DEFAULT_MAX_RECORD_BYTES). */
  maxRecordBytes?: number;
  /** Days an erased user's id stays refused (default DEFAULT_TOMBSTONE_DAYS). */
  tombstoneDays?: number;
}

/** How often the data file is copied to `.bak` (the backup used by DATA_RECOVERY=backup). */
const BACKUP_EVERY_MS = 10 * 60_000;

function emptyDatabase(): Database {
  return { version: 1, users: {}, invites: {}, pairings: {}, resumeGrants: {}, unanswered: [], feedback: [], erased: {}, introduced: {} };
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

const minute = (date: Date) => date.toISOString().slice(0, 16).replace('T', ' ');

function backupDescription(file: string, data: Database): string {
  return `${Object.keys(data.users).length} utilisateurs, du ${minute(statSync(`${file}.bak`).mtime)}`;
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
  /** performance.now() of the last backup; never at first, so that the first snapshot backs up the file before it. */
  private lastBackupAt = -Infinity;
  /** The log generation the snapshot on disk holds, and whether that file is readable (not after a recovery). */
  private snapshotGeneration: number;
  private snapshotValid: boolean;
  /** The log generation the backup on disk holds: later generations are kept until the next backup. */
  private backupGeneration = 0;
  /** A user was erased: the next flush rewrites the snapshot and the backup and drops the old log generations. */
  private scrubPending = false;
  private readonly maxRecordBytes: number;
  /** Changes found in the write-ahead log at start-up (a stop between two snapshots). */
  readonly replayed: number;

  private constructor(
    private readonly db: Low<Database>,
    readonly file: string,
    private readonly wal: WriteAheadLog,
    private readonly options: UserStoreOptions,
    start: { replayed: number; snapshotGeneration: number; snapshotValid: boolean; pruned: boolean },
  ) {
    this.replayed = start.replayed;
    this.snapshotGeneration = start.snapshotGeneration;
    this.snapshotValid = start.snapshotValid;
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    // After a recovery the file on disk is the damaged one: write a good snapshot at once.
    if (start.replayed > 0 || start.pruned || !start.snapshotValid) this.markDirty();
  }

  static async open(dataDir: string, options: UserStoreOptions): Promise<UserStore> {
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
        // Empty means empty: not the part of the old data the log happens to hold.
        db.data = emptyDatabase();
        replay = false;
      } else {
        const fromBackup = backup.ok
          ? `DATA_RECOVERY=backup repart de la dernière sauvegarde (${backupDescription(file, backup.data)}) et des changements enregistrés depuis${lost ? ` (attention : ${lost})` : ''}`
          : `aucune sauvegarde lisible (${path.basename(file)}.bak)`;
        throw new StorageError(
          `Le fichier de données ${file} est illisible : ${main.problem}. Une copie est gardée dans ${kept}. ` +
            `Pour redémarrer, choisissez : réparer ou remplacer le fichier ; ${fromBackup} ; ou DATA_RECOVERY=empty repart de données vides.`,
        );
      }
      options.onRecovery?.({ recovery, kept, problem: main.problem, ...(recovery === 'backup' && lost ? { lost } : {}) });
    }
    let replayed = 0;
    const hashes = new Map<string, string>();
    const hashOf = (id: string) => hashes.get(id) ?? hashes.set(id, erasedKey(id)).get(id)!;
    for (const line of replay ? WriteAheadLog.read(walFile, covered ?? 0) : []) {
      // A batch is one line: all its changes are replayed, in order.
      const batch = Batch.safeParse(line);
      for (const item of batch.success ? batch.data.changes : [line]) {
        const change = Change.safeParse(item);
        if (change.success) {
          applyChange(db.data, change.data, hashOf);
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
    return new UserStore(db, file, wal, options, { replayed, snapshotGeneration: main.ok ? (covered ?? 0) : 0, snapshotValid: main.ok, pruned });
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

  /** Whether the user with this id erased their data (or was erased by retention) in the last DEFAULT_TOMBSTONE_DAYS days. */
  wasErased(id: string): boolean {
    return this.db.data.erased[erasedKey(id)] !== undefined;
  }

  getInvite(code: string): Invite | undefined {
    const invite = this.db.data.invites[code];
    return invite ? structuredClone(invite) : undefined;
  }

  pairings(): Pairing[] {
    return Object.values(this.db.data.pairings).map((p) => structuredClone(p));
  }

  invites(): Invite[] {
    return Object.values(this.db.data.invites).map((i) => structuredClone(i));
  }

  /** Resume codes under way (copies), expired ones included until they are pruned. */
  resumeGrants(): ResumeGrant[] {
    return Object.values(this.db.data.resumeGrants).map((g) => structuredClone(g));
  }

  getResumeGrant(id: string): ResumeGrant | undefined {
    const grant = this.db.data.resumeGrants[id];
    return grant ? structuredClone(grant) : undefined;
  }

  unanswered(): UnansweredQuestion[] {
    return structuredClone(this.db.data.unanswered);
  }

  /** A set of changes to write together (see `commit`); each is checked as it is added. */
  batch(): StoreBatch {
    return new StoreBatch(this);
  }

  /**
   * Writes a batch: its changes go to the log as ONE line before they are applied, so that a
   * crash keeps all of them or none (a turn's record, its pairing and its logs; an erasure and the
   * invitations and pairings it removes). If the log cannot be written (disk full, read-only),
   * nothing is applied and the caller's turn fails without losing anything.
   */
  commit(batch: StoreBatch): void {
    const changes = batch.changes;
    if (changes.length === 0) return;
    if (this.closed) throw new StorageError('Le stockage est fermé.');
    this.wal.appendLine(changes.length === 1 ? changes[0]!.line : `{"op":"batch","changes":[${changes.map((c) => c.line).join(',')}]}`);
    let erasedAt: string | undefined;
    for (const c of changes) {
      applyChange(this.db.data, c.change, erasedKey, c.erasedId);
      if (c.change.op === 'erase') erasedAt = c.change.at;
    }
    this.markDirty();
    if (erasedAt !== undefined) {
      // Every copy of the erased user goes at once: snapshot, backup, older log generations.
      pruneTombstones(this.db.data, new Date(erasedAt), this.options.tombstoneDays ?? DEFAULT_TOMBSTONE_DAYS);
      this.scrubPending = true;
      this.flush().catch((err) => this.options.onFlushError?.(err));
    }
  }

  /** Saves one record (see StoreBatch.put). */
  put(record: UserRecord): void {
    this.commit(this.batch().put(record));
  }

  /** Removes a record without remembering it (an erasure goes through `erase`). */
  delete(id: string): void {
    this.commit(this.batch().delete(id));
  }

  /**
   * Erases a user: their record goes, their id is remembered only as a hash (see `wasErased`),
   * and a snapshot is started at once; once it is on disk the backup is replaced by it and every
   * older log generation deleted, so that no file of the data directory holds the user any more.
   * `flush()` resolves when that is done.
   */
  erase(id: string, now: Date): void {
    this.commit(this.batch().erase(id, now));
  }

  /** See StoreBatch.reopen. */
  reopen(id: string): void {
    this.commit(this.batch().reopen(id));
  }

  putInvite(invite: Invite): void {
    this.commit(this.batch().putInvite(invite));
  }

  deleteInvite(code: string): void {
    this.commit(this.batch().deleteInvite(code));
  }

  putPairing(pairing: Pairing): void {
    this.commit(this.batch().putPairing(pairing));
  }

  deletePairing(id: string): void {
    this.commit(this.batch().deletePairing(id));
  }

  logUnanswered(entry: UnansweredQuestion): void {
    this.commit(this.batch().logUnanswered(entry));
  }

  putResumeGrant(grant: ResumeGrant): void {
    this.commit(this.batch().putResumeGrant(grant));
  }

  deleteResumeGrant(id: string): void {
    this.commit(this.batch().deleteResumeGrant(id));
  }

  logFeedback(entry: AnswerFeedback): void {
    this.commit(this.batch().logFeedback(entry));
  }

  /**
   * Records that the bot introduced itself in a team or group chat; false (and nothing written)
   * when it already had. The check and the write happen in one tick: of two announcements of
   * the same arrival, one only is told true.
   */
  firstIntroduction(conversationId: string, now: Date): boolean {
    const h = erasedKey(conversationId);
    if (this.db.data.introduced[h] !== undefined) return false;
    this.commit(this.batch().introduced(h, now));
    return true;
  }

  /** What a batch checks a record against. */
  get limits(): { maxRecordBytes: number } {
    return { maxRecordBytes: this.maxRecordBytes };
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

  /** Copies the snapshot on disk to `.bak` (through a temporary file): the log generations it holds can go. */
  private backup(): void {
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
          if (!scrub && this.snapshotValid && performance.now() - this.lastBackupAt > BACKUP_EVERY_MS && existsSync(this.file)) this.backup();
          // Set aside in the same tick as the snapshot is serialised: what follows goes to a new file.
          const generation = this.wal.rotate();
          this.db.data.walGeneration = generation;
          const snapshot = captureSnapshot(this.db.data);
          const started = performance.now();
          await writeSnapshot(this.file, snapshot);
          this.lastWriteMs = performance.now() - started;
          this.writes += 1;
          this.snapshotGeneration = generation;
          this.snapshotValid = true;
          // An erased user must not stay in the backup: it becomes this snapshot, and no older
          // generation is needed any more.
          if (scrub) this.backup();
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
    this.closed = true;
    this.wal.close();
  }
}

/** Forgets the erasures older than `days` (their ids may be used again); true if any was. */
function pruneTombstones(data: Database, now: Date, days: number): boolean {
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  let pruned = false;
  for (const [key, at] of Object.entries(data.erased)) {
    if (at < cutoff) {
      delete data.erased[key];
      pruned = true;
    }
  }
  return pruned;
}

/** Forgets the resume codes that have expired (used or not); true if any was. */
function pruneResumeGrants(data: Database, now: Date): boolean {
  const at = now.toISOString();
  let pruned = false;
  for (const [id, grant] of Object.entries(data.resumeGrants)) {
    if (grant.expiresAt <= at) {
      delete data.resumeGrants[id];
      pruned = true;
    }
  }
  return pruned;
}

/** A change ready for the log: the change, its line, and for an erasure the id it is for. */
interface PreparedChange {
  change: Change;
  line: string;
  erasedId?: string;
}

/**
 * Changes gathered to be written together by `UserStore.commit`. Each is checked as it is added
 * (an erased id, a record too large): a refusal throws before anything is written.
 */
export class StoreBatch {
  readonly changes: PreparedChange[] = [];

  constructor(private readonly store: Pick<UserStore, 'wasErased' | 'limits'>) {}

  /**
   * A user's record (a copy of it). Refused when the id is that of an erased user
   * (ErasedUserError, unless this batch reopens it) or when the record would be larger than
   * `maxRecordBytes` (RecordTooLargeError). Only the last MAX_INBOX messages of the inbox are kept;
   * the conversation's history gives way first: its oldest exchanges are dropped until the record
   * fits (it is refused only when it is too large without them).
   */
  put(record: UserRecord, options: { owned?: boolean } = {}): this {
    if (this.store.wasErased(record.id) && !this.reopens(record.id)) throw new ErasedUserError();
    // `owned`: the caller hands the record over and never touches it again (a turn's record):
    // no copy is needed, the store keeps this one.
    const copy = options.owned ? record : structuredClone(record);
    if (copy.inbox.length > MAX_INBOX) copy.inbox = copy.inbox.slice(-MAX_INBOX);
    let json = JSON.stringify(copy);
    let bytes = Buffer.byteLength(json);
    const { maxRecordBytes } = this.store.limits;
    if (bytes > maxRecordBytes && copy.history.length > 0) {
      const others = bytes - jsonBytes(copy.history);
      copy.history = trimHistory(copy.history, Math.max(2, maxRecordBytes - others));
      json = JSON.stringify(copy);
      bytes = Buffer.byteLength(json);
    }
    if (bytes > maxRecordBytes) throw new RecordTooLargeError(bytes, maxRecordBytes);
    return this.add({ op: 'user', v: copy }, `{"op":"user","v":${json}}`);
  }

  delete(id: string): this {
    return this.add({ op: 'deleteUser', id });
  }

  erase(id: string, now: Date): this {
    const change: Change = { op: 'erase', h: erasedKey(id), at: now.toISOString() };
    this.changes.push({ change, line: JSON.stringify(change), erasedId: id });
    return this;
  }

  /**
   * Lets an erased id have a record again: for an identity the user cannot change (a Teams
   * account), who comes back after erasing their data. Their old links stay dead (they were
   * issued before the new record was created).
   */
  reopen(id: string): this {
    return this.store.wasErased(id) ? this.add({ op: 'reopen', h: erasedKey(id) }) : this;
  }

  putInvite(invite: Invite): this {
    return this.add({ op: 'invite', v: structuredClone(invite) });
  }

  deleteInvite(code: string): this {
    return this.add({ op: 'deleteInvite', code });
  }

  putPairing(pairing: Pairing): this {
    return this.add({ op: 'pairing', v: structuredClone(pairing) });
  }

  deletePairing(id: string): this {
    return this.add({ op: 'deletePairing', id });
  }

  logUnanswered(entry: UnansweredQuestion): this {
    return this.add({ op: 'unanswered', v: entry });
  }

  logFeedback(entry: AnswerFeedback): this {
    return this.add({ op: 'feedback', v: entry });
  }

  putResumeGrant(grant: ResumeGrant): this {
    return this.add({ op: 'resumeGrant', v: structuredClone(grant) });
  }

  deleteResumeGrant(id: string): this {
    return this.add({ op: 'deleteResumeGrant', id });
  }

  /** A team or group chat the bot introduced itself in (`h`: the SHA-256 of its id). */
  introduced(h: string, now: Date): this {
    return this.add({ op: 'introduced', h, at: now.toISOString() });
  }

  private reopens(id: string): boolean {
    const h = erasedKey(id);
    return this.changes.some((c) => c.change.op === 'reopen' && c.change.h === h);
  }

  private add(change: Change, line = JSON.stringify(change)): this {
    this.changes.push({ change, line });
    return this;
  }
}

/** `hashOf` gives the key of an id (memoised during a replay); `erasedId`: the id of an `erase`, when known. */
function applyChange(data: Database, change: Change, hashOf: (id: string) => string, erasedId?: string): void {
  switch (change.op) {
    case 'user':
      data.users[change.v.id] = change.v;
      return;
    case 'deleteUser':
      delete data.users[change.id];
      return;
    case 'erase': {
      const ids = erasedId !== undefined ? [erasedId] : Object.keys(data.users).filter((id) => hashOf(id) === change.h);
      for (const id of ids) delete data.users[id];
      data.erased[change.h] = change.at;
      return;
    }
    case 'reopen':
      delete data.erased[change.h];
      return;
    case 'introduced': {
      data.introduced[change.h] = change.at;
      const keys = Object.keys(data.introduced);
      // Insertion order is the order of arrival: the oldest go first.
      for (const key of keys.slice(0, Math.max(0, keys.length - MAX_INTRODUCED))) delete data.introduced[key];
      return;
    }
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
    case 'resumeGrant':
      data.resumeGrants[change.v.id] = change.v;
      return;
    case 'deleteResumeGrant':
      delete data.resumeGrants[change.id];
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
