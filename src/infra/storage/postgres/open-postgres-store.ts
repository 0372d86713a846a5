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
import { CHANGES_CHANNEL, ChangeNotice, PostgresChangeLog } from './postgres-change-log.js';
import { heardFrom } from './heard-from.js';
import { LIVE_CHANNEL, PostgresLiveRelay, type LiveRelay } from './live-relay.js';
import { PostgresDeliveries } from './postgres-deliveries.js';

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** The advisory lock of the server that runs the jobs only one may run (see PostgresStore.leads). */
const LEADER_LOCK = 1_701_717_017;


export interface PostgresStoreOptions {
  url: string;
  /** Connections of the pool. */
  poolSize: number;
  /** A statement running longer is cancelled (milliseconds). */
  statementTimeoutMs: number;
  now: Clock;
  maxRecordBytes?: number;
  /** Users held in memory at most (see UserCache). */
  cacheSize?: number;
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

/**
 * What the tables hold besides the users (read on demand: see PostgresUserShelf), through the
 * same schema as the data file (defaults and old shapes included).
 */
async function readDatabase(pool: pg.Pool): Promise<Database> {
  const rows = async <T>(sql: string) => (await pool.query<T & pg.QueryResultRow>(sql)).rows;
  const raw = {
    version: 1,
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

/** What the server needs of a store on PostgreSQL besides the store itself. */
export interface PostgresStore {
  store: UserStore;
  /**
   * Whether this server leads the jobs only one server may run (the Thursday broadcast): the
   * first to take PostgreSQL's advisory lock; when its connection goes (the server stops or dies),
   * another takes it at its next try.
   */
  leads(): Promise<boolean>;
  /** Messages for a user's pages on the other servers (see LiveRelay). */
  live: LiveRelay;
  /** The Thursday deliveries, in the database shared by the servers (see PostgresDeliveries). */
  deliveries(now: Date): Promise<PostgresDeliveries>;
}


/**
 * The store on PostgreSQL (DATABASE_URL): the tables migrated, every row read and checked, then
 * the same store as with the data directory, each batch committed in one transaction before the
 * turn replies. Several servers may share the database: each write is conditional on what this
 * server read (see PostgresChangeLog), and each server reloads what the others changed when they
 * tell it (`LISTEN`/`NOTIFY`).
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<UserStore> {
  return (await openPostgres(options)).store;
}

export async function openPostgres(options: PostgresStoreOptions): Promise<PostgresStore> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize, statement_timeout: options.statementTimeoutMs });
  pool.on('error', (err) => options.onConnectionError?.(err));
  // Connections held out of the pool (the listener, the leader's lock) are not watched by it:
  // their loss must not become an uncaught error.
  const held: pg.Client[] = [];
  const hold = async () => {
    const client = new pg.Client({ connectionString: options.url });
    client.on('error', (err) => options.onConnectionError?.(err));
    held.push(client);
    await client.connect();
    return client;
  };
  const endAll = async () => {
    await Promise.all(held.splice(0).map((c) => c.end().catch(() => undefined)));
    await pool.end().catch(() => undefined);
  };
  try {
    const migrating = await pool.connect();
    try {
      await migrate(migrating);
    } finally {
      migrating.release();
    }
    // What the data file's start-up prunes: erasures older than the tombstone days, expired resume codes.
    const cutoff = new Date(options.now().getTime() - (options.tombstoneDays ?? DEFAULT_TOMBSTONE_DAYS) * 86_400_000).toISOString();
    await pool.query('DELETE FROM erased WHERE at < $1', [cutoff]);
    await pool.query(`DELETE FROM resume_grants WHERE grant_->>'expiresAt' <= $1`, [options.now().toISOString()]);
    const data = await readDatabase(pool);
    // Closing also stops listening again (see relisten).
    let closing = false;
    // Half the pool writes at most: the other half stays for the reads of users and the leader's work.
    const log = new PostgresChangeLog(
      pool,
      async () => {
        closing = true;
        await endAll();
      },
      Math.max(1, Math.floor(options.poolSize / 2)),
    );
    const store = new UserStore(data, log, options);
    log.onSettled = () => void store.refresh([], true).catch((err: unknown) => options.onConnectionError?.(err));
    const live = new PostgresLiveRelay(log.instance, hold, (client) => {
      held.splice(held.indexOf(client), 1);
      void client.end().catch(() => undefined);
    }, (err) => options.onConnectionError?.(err));
    const listen = async (): Promise<void> => {
      const listener = await hold();
      listener.on('notification', (n) => {
        if (n.channel === LIVE_CHANNEL) return live.hear(n.payload);
        const change = heardFrom(ChangeNotice, n.payload, log.instance);
        if (change) store.refresh(change.users, change.shared).catch((err: unknown) => options.onConnectionError?.(err));
      });
      // A lost listener (the database restarted, the connection was cut) is replaced, and what
      // the other servers said meanwhile is read again: the users, and the shared tables.
      listener.once('end', () => {
        held.splice(held.indexOf(listener), 1);
        if (!closing) void relisten();
      });
      await listener.query(`LISTEN ${CHANGES_CHANNEL}`);
      await listener.query(`LISTEN ${LIVE_CHANNEL}`);
    };
    const relisten = async (wait = 500): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, wait).unref());
      if (closing) return;
      try {
        await listen();
        // What the other servers changed meanwhile was not heard: every user is read again at their next use.
        store.forgetCached();
        await store.refresh([], true);
      } catch (err) {
        options.onConnectionError?.(err);
        void relisten(Math.min(wait * 2, 30_000));
      }
    };
    await listen();
    let leader: pg.Client | undefined;
    const leads = async () => {
      if (leader) return true;
      try {
        const client = await hold();
        const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LEADER_LOCK]);
        if (rows[0]?.ok) {
          leader = client;
          client.once('end', () => (leader = undefined));
          return true;
        }
        held.splice(held.indexOf(client), 1);
        await client.end();
      } catch (err) {
        options.onConnectionError?.(err);
      }
      return false;
    };
    const deliveries = (now: Date) => PostgresDeliveries.open(pool, now, (err) => options.onConnectionError?.(err));
    return { store, leads, live, deliveries };
  } catch (err) {
    await endAll();
    if (err instanceof StorageError) throw err;
    throw new StorageError(`PostgreSQL (DATABASE_URL) injoignable ou refusé : ${(err as Error).message}`);
  }
}
