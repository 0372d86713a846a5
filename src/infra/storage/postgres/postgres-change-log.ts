import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { Invite, Pairing, ResumeGrant } from '../../../domain/user-record.js';
import type { ChangeLog, Reloaded } from '../change-log.js';
import { PostgresUserShelf } from './postgres-user-shelf.js';
import { unavailable } from './unavailable.js';
import { isSharedChange, MAX_INTRODUCED, MAX_LOG_ENTRIES, sharedRowOf, type PreparedChange, type SharedKind } from '../store-changes.js';
import { StorageUnavailableError, WriteConflictError } from '../storage-errors.js';
import { oneQuery, WRITE_CONFLICT_CODE, type Statement } from './one-query.js';
import { json } from './jsonb-text.js';
import { childRows, recordRow, type UserWrite } from './user-rows.js';

/**
 * A group's statements with its users' records written by two statements of many rows (one
 * update at the versions read, one insert of new users) instead of one statement each: a
 * transaction of 200 turns sends 2 statements for its users, not 200. Only
 * when each user appears once and none is deleted or erased in the group (otherwise the order
 * of the changes matters: undefined, and each change is one statement).
 */
function usersInBulk(changes: readonly PreparedChange[]): { statements: Statement[] } | undefined {
  const updates: Array<{ id: string; record: string; version: number }> = [];
  const inserts: Array<{ id: string; record: string }> = [];
  const writes: UserWrite[] = [];
  const seen = new Set<string>();
  const rest: PreparedChange[] = [];
  for (const p of changes) {
    const { change } = p;
    if (change.op === 'deleteUser' || change.op === 'erase') return undefined;
    if (change.op !== 'user' || (typeof p.before !== 'number' && p.before !== null)) {
      rest.push(p);
      continue;
    }
    if (seen.has(change.v.id)) return undefined;
    seen.add(change.v.id);
    if (typeof p.before === 'number') updates.push({ id: change.v.id, record: recordRow(change.v), version: p.before });
    else inserts.push({ id: change.v.id, record: recordRow(change.v) });
    writes.push({ record: change.v, held: p.held });
  }
  if (rest.some((p) => p.change.op === 'user' && seen.has(p.change.v.id))) return undefined;
  const statements: Statement[] = [];
  if (updates.length > 0) {
    statements.push({
      sql:
        'UPDATE users AS u SET record = v.record::jsonb, version = u.version + 1, updated_at = now() ' +
        'FROM unnest($1::text[], $2::text[], $3::bigint[]) AS v(id, record, version) WHERE u.id = v.id AND u.version = v.version RETURNING u.id',
      params: [updates.map((u) => u.id), updates.map((u) => u.record), updates.map((u) => u.version)],
      expect: updates.length,
      ids: updates.map((u) => u.id),
    });
  }
  if (inserts.length > 0) {
    statements.push({
      sql: 'INSERT INTO users (id, record) SELECT v.id, v.record::jsonb FROM unnest($1::text[], $2::text[]) AS v(id, record) ON CONFLICT (id) DO NOTHING RETURNING id',
      params: [inserts.map((u) => u.id), inserts.map((u) => u.record)],
      expect: inserts.length,
      ids: inserts.map((u) => u.id),
    });
  }
  return { statements: [...statements, ...childRows(writes), ...rest.flatMap(statementsOf)] };
}

/** The channel servers sharing a database tell each other what they changed on. */
export const CHANGES_CHANNEL = 'odd17_changes';
/** User ids per notification: far under PostgreSQL's 8,000-byte payload. */
const IDS_PER_NOTICE = 100;

/**
 * A notification of what a server changed: the users, and whether invitations, pairings, resume
 * codes or erasures changed (`from`: the server, which ignores its own).
 */
export const ChangeNotice = z.object({ from: z.string(), users: z.array(z.string()).max(1000), shared: z.boolean() });
export type RemoteChange = Omit<z.infer<typeof ChangeNotice>, 'from'>;

/** The shared tables holding one JSON value per key (invitations, pairings, resume codes). */
const KEYED = {
  invite: { table: 'invites', key: 'code', column: 'invite' },
  pairing: { table: 'pairings', key: 'id', column: 'pairing' },
  resumeGrant: { table: 'resume_grants', key: 'id', column: 'grant_' },
} as const satisfies Record<SharedKind, { table: string; key: string; column: string }>;

/** Put or delete a keyed value, refused if the row is not as this server last knew it (`before`). */
function keyed(kind: SharedKind, key: string, value: unknown, before: unknown): Statement[] {
  const { table, key: k, column } = KEYED[kind];
  const what = `${table} ${key}`;
  if (value === undefined) {
    return before === undefined || before === null
      ? [{ sql: `DELETE FROM ${table} WHERE ${k} = $1`, params: [key] }]
      : [{ sql: `DELETE FROM ${table} WHERE ${k} = $1 AND ${column} = $2::jsonb RETURNING ${k}`, params: [key, json(before)], expect: 1, what }];
  }
  return before === undefined || before === null
    ? [{ sql: `INSERT INTO ${table} (${k}, ${column}) VALUES ($1, $2) ON CONFLICT (${k}) DO NOTHING RETURNING ${k}`, params: [key, json(value)], expect: 1, what }]
    : [{ sql: `UPDATE ${table} SET ${column} = $2 WHERE ${k} = $1 AND ${column} = $3::jsonb RETURNING ${k}`, params: [key, json(value), json(before)], expect: 1, what }];
}

/**
 * One change as SQL. A user's row is written only at the version this server read (then one
 * more; `before`: none when null): a server whose copy is behind another's write gets a
 * conflict, never overwrites it. A record written without reading it first (a copy between
 * backends) replaces the row whatever it holds.
 */
function statementsOf(p: PreparedChange): Statement[] {
  const { change } = p;
  if (isSharedChange(change)) {
    const { kind, key, value } = sharedRowOf(change);
    return keyed(kind, key, value, p.before);
  }
  switch (change.op) {
    case 'user': {
      const id = change.v.id;
      const what = `users ${id}`;
      const record = recordRow(change.v);
      const children = childRows([{ record: change.v, held: p.held }]);
      if (typeof p.before === 'number') {
        const sql = 'UPDATE users SET record = $2, version = version + 1, updated_at = now() WHERE id = $1 AND version = $3 RETURNING id';
        return [{ sql, params: [id, record, p.before], expect: 1, what }, ...children];
      }
      if (p.before === null) return [{ sql: 'INSERT INTO users (id, record) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id', params: [id, record], expect: 1, what }, ...children];
      const upsert = 'INSERT INTO users (id, record) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record, version = users.version + 1, updated_at = now()';
      return [{ sql: upsert, params: [id, record] }, ...children];
    }
    case 'deleteUser':
      return typeof p.before === 'number'
        ? [{ sql: 'DELETE FROM users WHERE id = $1 AND version = $2 RETURNING id', params: [change.id, p.before], expect: 1, what: `users ${change.id}` }]
        : [{ sql: 'DELETE FROM users WHERE id = $1', params: [change.id] }];
    case 'erase':
      // An erasure wins over any other server's copy of the user.
      return [
        ...(p.erasedId !== undefined ? [{ sql: 'DELETE FROM users WHERE id = $1', params: [p.erasedId] }] : []),
        { sql: 'INSERT INTO erased (h, at) VALUES ($1, $2) ON CONFLICT (h) DO UPDATE SET at = EXCLUDED.at', params: [change.h, change.at] },
      ];
    case 'reopen':
      return [{ sql: 'DELETE FROM erased WHERE h = $1', params: [change.h] }];
    case 'introduced':
      // Two servers told of the same arrival: one introduction only (the second insert touches nothing).
      return [
        { sql: 'INSERT INTO introduced (h, at) VALUES ($1, $2) ON CONFLICT (h) DO NOTHING RETURNING h', params: [change.h, change.at], expect: 1, what: 'introduced' },
        { sql: 'DELETE FROM introduced WHERE seq <= (SELECT max(seq) - $1 FROM introduced)', params: [MAX_INTRODUCED] },
      ];
    case 'clearLogs':
      return [
        { sql: 'DELETE FROM unanswered', params: [] },
        { sql: 'DELETE FROM feedback', params: [] },
        { sql: 'DELETE FROM introduced', params: [] },
      ];
    case 'unanswered':
    case 'feedback':
      // The table names are ours (the op), never the user's.
      return [
        { sql: `INSERT INTO ${change.op} (entry) VALUES ($1)`, params: [json(change.v)] },
        { sql: `DELETE FROM ${change.op} WHERE seq <= (SELECT max(seq) - $1 FROM ${change.op})`, params: [MAX_LOG_ENTRIES] },
      ];
  }
}

/** What a batch tells the other servers: the users it wrote, and whether it touched the shared tables. */
function touched(changes: readonly PreparedChange[]): RemoteChange {
  const users = new Set<string>();
  let shared = false;
  for (const { change, erasedId } of changes) {
    if (change.op === 'user') users.add(change.v.id);
    else if (change.op === 'deleteUser') users.add(change.id);
    else if (change.op === 'erase') {
      if (erasedId !== undefined) users.add(erasedId);
      shared = true;
    } else if (change.op !== 'unanswered' && change.op !== 'feedback' && change.op !== 'clearLogs' && change.op !== 'introduced') shared = true;
  }
  return { users: [...users], shared };
}

/** Batches committed together at most: a turn waits for one transaction, however many users write at once. */
const MAX_GROUP = 200;

interface Pending {
  changes: readonly PreparedChange[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * The store's changes in PostgreSQL. A transaction is one query text (see one-query.ts: one round
 * trip, its statements, their checks and the notifications). Up to `concurrency` transactions run
 * at once (each on its own connection: each waits for the network, several overlap); the batches
 * that come while they run wait and go together in the next one (group commit: one COMMIT for
 * many turns); if a transaction fails, its batches are tried one by one, so that only the batch
 * the database refuses fails. One user's batches never run at once (Records.update waits for
 * each), so their order holds. Each write is conditional on what this server read (a
 * user's version, an invitation's value): with several servers on one database, the second
 * writer gets a WriteConflictError instead of overwriting. Every transaction tells the other
 * servers what it changed (`NOTIFY`), and they reload it. There is no file to scrub after an
 * erasure: the rows are deleted in its transaction (PostgreSQL's own WAL and the operator's
 * backups, `pg_dump`, are the operator's to age).
 */
export class PostgresChangeLog implements ChangeLog {
  readonly shared = true;
  /** This server, in the notifications (it ignores its own). */
  readonly instance = randomUUID();
  readonly users: PostgresUserShelf;
  private pending: Pending[] = [];
  /** Transactions under way. */
  private running = 0;
  /** This server's batches under way that change the shared tables: a reload does not put an older copy over them. */
  private sharedInFlight = 0;
  private skippedShared = false;
  /** Told to read the shared tables again once this server's batches under way are done (see settled). */
  onSettled: (() => void) | undefined;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly pool: pg.Pool,
    /** Ends the connections (and the listener) once everything is written. */
    private readonly end: () => Promise<void>,
    /** Transactions at once at most (connections of the pool they may take). */
    private readonly concurrency = 1,
  ) {
    this.users = new PostgresUserShelf(pool);
  }

  append(changes: readonly PreparedChange[]): Promise<void> {
    const { shared } = touched(changes);
    if (shared) this.sharedInFlight += 1;
    const done = new Promise<void>((resolve, reject) => {
      this.pending.push({ changes, resolve, reject });
      this.pump();
    });
    if (shared) {
      const settle = () => this.settled();
      done.then(settle, settle);
    }
    return done;
  }

  /**
   * Whether to take the shared tables read again into memory now (in the same tick as the store
   * does): not while a write of this server to them is under way (the read may be older than
   * it); they are read again once it is done.
   */
  adopt(fresh: Reloaded): Reloaded | undefined {
    if (this.sharedInFlight === 0) return fresh;
    this.skippedShared = true;
    return undefined;
  }

  /** A batch of this server changing the shared tables was committed or refused: a reload skipped meanwhile is done now. */
  private settled(): void {
    this.sharedInFlight -= 1;
    if (this.sharedInFlight > 0 || !this.skippedShared) return;
    this.skippedShared = false;
    this.onSettled?.();
  }

  changed(): void {}

  async check(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  flush(): Promise<void> {
    if (this.running === 0 && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    await this.flush();
    await this.end();
  }

  /** The invitations, pairings, resume codes and erasures read again, each row checked by its schema (a row that does not pass is left out). */
  async reload(): Promise<Reloaded> {
    const table = async <T>(sql: string, schema: z.ZodType<T>) => {
      const out: Record<string, T> = {};
      for (const row of (await this.pool.query<{ k: string; v: unknown }>(sql)).rows) {
        const value = schema.safeParse(row.v);
        if (value.success) out[row.k] = value.data;
      }
      return out;
    };
    return {
      invites: await table('SELECT code AS k, invite AS v FROM invites', Invite),
      pairings: await table('SELECT id AS k, pairing AS v FROM pairings', Pairing),
      resumeGrants: await table('SELECT id AS k, grant_ AS v FROM resume_grants', ResumeGrant),
      erased: await table('SELECT h AS k, to_jsonb(at) AS v FROM erased', z.string()),
    };
  }

  private pump(): void {
    if (this.pending.length === 0) {
      if (this.running === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      return;
    }
    if (this.running >= this.concurrency) return;
    this.running += 1;
    const group = this.pending.splice(0, MAX_GROUP);
    void this.commitGroup(group).finally(() => {
      this.running -= 1;
      this.pump();
    });
  }

  private async commitGroup(group: Pending[]): Promise<void> {
    try {
      await this.transaction(group.flatMap((p) => p.changes));
      for (const p of group) p.resolve();
    } catch (err) {
      if (group.length === 1) {
        group[0]!.reject(err);
        return;
      }
      for (const p of group) {
        try {
          await this.transaction(p.changes);
          p.resolve();
        } catch (one) {
          p.reject(one);
        }
      }
    }
  }

  private async transaction(changes: readonly PreparedChange[]): Promise<void> {
    try {
      await this.transactionOnce(changes);
    } catch (err) {
      throw err instanceof StorageUnavailableError || !unavailable(err) ? err : new StorageUnavailableError((err as Error).message);
    }
  }

  private async transactionOnce(changes: readonly PreparedChange[]): Promise<void> {
    const bulk = usersInBulk(changes);
    const statements = bulk ? bulk.statements : changes.flatMap(statementsOf);
    const { users, shared } = touched(changes);
    // Delivered to the other servers when (and only if) the transaction commits.
    for (let i = 0; i === 0 || i < users.length; i += IDS_PER_NOTICE) {
      if (users.length === 0 && !shared) break;
      const notice: z.infer<typeof ChangeNotice> = { from: this.instance, users: users.slice(i, i + IDS_PER_NOTICE), shared };
      statements.push({ sql: 'SELECT pg_notify($1, $2)', params: [CHANGES_CHANNEL, JSON.stringify(notice)] });
    }
    if (statements.length === 0) return;
    // No connection at all: whatever PostgreSQL said (refused, not accepting connections now), it is out of reach.
    const client = await this.pool.connect().catch((err: unknown) => {
      throw new StorageUnavailableError((err as Error).message);
    });
    try {
      // One text, one transaction: a failing statement rolls back the whole text.
      await client.query(oneQuery(statements));
    } catch (err) {
      const { code, detail } = err as { code?: unknown; detail?: unknown };
      throw code === WRITE_CONFLICT_CODE ? new WriteConflictError(typeof detail === 'string' ? detail : '?') : err;
    } finally {
      client.release();
    }
  }
}
