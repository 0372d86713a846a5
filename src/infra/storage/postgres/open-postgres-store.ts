import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import pg from 'pg';
import { z } from 'zod';
import { jsonPath } from '../../../content/content-problem.js';
import { Database } from '../../../domain/user-record.js';
import { OutMessage } from '../../../domain/out-message.js';
import type { Clock } from '../../../domain/clock.js';
import { DEFAULT_TOMBSTONE_DAYS } from '../store-changes.js';
import { StorageError } from '../storage-errors.js';
import { UserStore } from '../user-store.js';
import { CHANGES_CHANNEL, ChangeNotice, PostgresChangeLog } from './postgres-change-log.js';
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
 * Pages of a user open on another server: `publish` tells the other servers, `subscribe` hears
 * what they publish (never this server's own). A notification holds about 7,500 bytes at most
 * (PostgreSQL's payload limit): a turn's replies too long for one go in several, in order (the
 * last one alone marked `last`); a prompt too long, or anything not sent, is told false.
 */
export interface LiveRelay {
  publish(message: LiveMessage): Promise<boolean>;
  subscribe(handler: (message: HeardLive) => void): void;
}

const LIVE_CHANNEL = 'odd17_live';
const MAX_LIVE_BYTES = 7_500;
/**
 * A message from one server to the others about a user's open pages (PostgreSQL's `NOTIFY`): a
 * Thursday prompt shown live (`prompt`, with its delivery key), or the replies of a turn the user
 * had on that server (`turn`), for their pages open on the others.
 */
const LiveNotice = z.object({
  from: z.string(),
  kind: z.enum(['prompt', 'turn']).default('prompt'),
  userId: z.string().max(300),
  key: z.string().max(200),
  messages: z.array(OutMessage).max(20),
  /** The last part of a turn's replies (the page then takes the turn as complete). */
  last: z.boolean().default(true),
  /** When the turn replied (wall-clock milliseconds): pages opened later have its replies in their history. */
  at: z.number().optional(),
});
/** What a server publishes (`kind` and `last` have defaults)… */
export type LiveMessage = Omit<z.input<typeof LiveNotice>, 'from'>;
/** …and what the others hear. */
export type HeardLive = Omit<z.output<typeof LiveNotice>, 'from'>;

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
    const liveHandlers: Array<(message: HeardLive) => void> = [];
    const listen = async (): Promise<void> => {
      const listener = await hold();
      listener.on('notification', (n) => {
        if (n.channel === LIVE_CHANNEL) {
          const heard = heardFrom(LiveNotice, n.payload, log.instance);
          if (heard) for (const handler of liveHandlers) handler(heard);
          return;
        }
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
    // Live messages leave one after the other on a connection of their own: in the order they
    // were published (a turn's replies after the previous turn's), and at once (never behind the
    // pool's queries, which would show a page replies older than it).
    let publisher: Promise<pg.Client> | undefined;
    let sending: Promise<unknown> = Promise.resolve();
    const notify = (payload: string): Promise<void> => {
      const sent = sending.then(async () => {
        publisher ??= hold();
        const client = await publisher;
        try {
          await client.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, payload]);
        } catch (err) {
          // A connection lost: the next message opens another.
          publisher = undefined;
          held.splice(held.indexOf(client), 1);
          void client.end().catch(() => undefined);
          throw err;
        }
      });
      sending = sent.catch(() => undefined);
      return sent;
    };
    const live: LiveRelay = {
      async publish(message) {
        const payload = JSON.stringify({ from: log.instance, ...message });
        if (Buffer.byteLength(payload) > MAX_LIVE_BYTES) {
          const { messages } = message;
          if (message.kind !== 'turn' || messages.length < 2) return false;
          // One after the other: the second is notified once the first is.
          const half = Math.ceil(messages.length / 2);
          const first = await live.publish({ ...message, messages: messages.slice(0, half), last: false });
          return (await live.publish({ ...message, messages: messages.slice(half) })) && first;
        }
        try {
          await notify(payload);
          return true;
        } catch (err) {
          options.onConnectionError?.(err);
          return false;
        }
      },
      subscribe: (handler) => void liveHandlers.push(handler),
    };
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

/** Another server's notification, checked by its schema, or undefined (this server's own, or unreadable). */
function heardFrom<T extends { from: string }>(schema: z.ZodType<T>, payload: string | undefined, self: string): T | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload ?? '');
  } catch {
    return undefined;
  }
  const notice = schema.safeParse(value);
  return notice.success && notice.data.from !== self ? notice.data : undefined;
}
