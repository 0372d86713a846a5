import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import pg from 'pg';
import { jsonPath } from '../../../content/content-problem.js';
import { Database } from '../../../domain/user-record.js';
import type { Clock } from '../../../domain/clock.js';
import { DEFAULT_TOMBSTONE_DAYS } from '../store-changes.js';
import { StorageError } from '../storage-errors.js';
import { UserStore } from '../user-store.js';
import { PostgresChangeLog } from './postgres-change-log.js';

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** The advisory lock one server holds while it runs on a database (see openPostgresStore). */
const INSTANCE_LOCK = 1_701_717_017;

export interface PostgresStoreOptions {
  url: string;
  /** Connections of the pool. */
  poolSize: number;
  /** A statement running longer is cancelled (milliseconds). */
  statementTimeoutMs: number;
  now: Clock;
  maxRecordBytes?: number;
  tombstoneDays?: number;
  onWriteError?: (err: unknown) => void;
  /** Told when the pool loses a connection (the pool opens another at the next query). */
  onConnectionError?: (err: unknown) => void;
}

/**
 * Brings the database's tables to the current version (`migrations/`, with node-pg-migrate): under
 * its advisory lock, waiting for it, so that servers starting together migrate once.
 */
export async function migrate(client: pg.ClientBase): Promise<string[]> {
  const ran = await runner({
    dbClient: client,
    dir: MIGRATIONS,
    migrationsTable: 'pgmigrations',
    direction: 'up',
    advisoryLockMode: 'wait',
    singleTransaction: true,
    checkOrder: true,
    log: () => {},
    logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  return ran.map((m) => m.name);
}

/** Everything the tables hold, read through the same schema as the data file (defaults and old shapes included). */
async function readDatabase(pool: pg.Pool): Promise<Database> {
  const rows = async <T>(sql: string) => (await pool.query<T & pg.QueryResultRow>(sql)).rows;
  const raw = {
    version: 1,
    users: Object.fromEntries((await rows<{ id: string; record: unknown }>('SELECT id, record FROM users')).map((r) => [r.id, r.record])),
    invites: Object.fromEntries((await rows<{ code: string; invite: unknown }>('SELECT code, invite FROM invites')).map((r) => [r.code, r.invite])),
    pairings: Object.fromEntries((await rows<{ id: string; pairing: unknown }>('SELECT id, pairing FROM pairings')).map((r) => [r.id, r.pairing])),
    resumeGrants: Object.fromEntries((await rows<{ id: string; grant_: unknown }>('SELECT id, grant_ FROM resume_grants')).map((r) => [r.id, r.grant_])),
    unanswered: (await rows<{ entry: unknown }>('SELECT entry FROM unanswered ORDER BY seq')).map((r) => r.entry),
    feedback: (await rows<{ entry: unknown }>('SELECT entry FROM feedback ORDER BY seq')).map((r) => r.entry),
    erased: Object.fromEntries((await rows<{ h: string; at: string }>('SELECT h, at FROM erased')).map((r) => [r.h, r.at])),
    introduced: Object.fromEntries((await rows<{ h: string; at: string }>('SELECT h, at FROM introduced ORDER BY seq')).map((r) => [r.h, r.at])),
  };
  const parsed = Database.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new StorageError(`La base PostgreSQL contient une donnée hors schéma (${first ? `${jsonPath(first.path)} : ${first.message}` : '?'}) : corrigez-la avant de redémarrer.`);
  }
  return parsed.data;
}

/**
 * The store on PostgreSQL (DATABASE_URL): the tables migrated, every row read and checked, then
 * the same store as with the data directory, each batch committed in one transaction before the
 * turn replies. One server per database for now: it holds an advisory lock while it runs, and a
 * second one is refused (its data in memory would not see the first one's writes).
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<UserStore> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize + 1, statement_timeout: options.statementTimeoutMs });
  pool.on('error', (err) => options.onConnectionError?.(err));
  let lock: pg.PoolClient | undefined;
  try {
    lock = await pool.connect();
    // A connection held out of the pool is not watched by it: its loss must not become an uncaught
    // error. (Losing it also frees the instance lock: said in the log.)
    lock.on('error', (err) => options.onConnectionError?.(err));
    const { rows } = await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [INSTANCE_LOCK]);
    if (!rows[0]?.ok) throw new StorageError('Un autre serveur utilise déjà cette base PostgreSQL : un seul serveur par base pour l’instant.');
    await migrate(lock);
    // What the data file's start-up prunes: erasures older than the tombstone days, expired resume codes.
    const cutoff = new Date(options.now().getTime() - (options.tombstoneDays ?? DEFAULT_TOMBSTONE_DAYS) * 86_400_000).toISOString();
    await pool.query('DELETE FROM erased WHERE at < $1', [cutoff]);
    await pool.query(`DELETE FROM resume_grants WHERE grant_->>'expiresAt' <= $1`, [options.now().toISOString()]);
    const data = await readDatabase(pool);
    const log = new PostgresChangeLog(pool, async () => {
      lock?.release();
      await pool.end();
    });
    return new UserStore(data, log, options);
  } catch (err) {
    lock?.release();
    await pool.end().catch(() => undefined);
    if (err instanceof StorageError) throw err;
    throw new StorageError(`PostgreSQL (DATABASE_URL) injoignable ou refusé : ${(err as Error).message}`);
  }
}
