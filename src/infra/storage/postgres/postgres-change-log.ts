import type pg from 'pg';
import type { ChangeLog } from '../change-log.js';
import { MAX_INTRODUCED, MAX_LOG_ENTRIES, type Change, type PreparedChange } from '../store-changes.js';

/**
 * A value as `jsonb` takes it: PostgreSQL refuses the NUL character in a JSON text (the turn
 * handler already drops it from what users type; this covers any other way in).
 */
function json(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' && v.includes('\u0000') ? v.replaceAll('\u0000', '') : v));
}

/** One change as SQL (with its parameters), in the tables of `migrations/`. */
function statements(change: Change, erasedId: string | undefined): Array<[string, unknown[]]> {
  switch (change.op) {
    case 'user':
      return [
        [
          `INSERT INTO users (id, record) VALUES ($1, $2)
           ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record, version = users.version + 1, updated_at = now()`,
          [change.v.id, json(change.v)],
        ],
      ];
    case 'deleteUser':
      return [['DELETE FROM users WHERE id = $1', [change.id]]];
    case 'erase':
      return [
        ...(erasedId !== undefined ? [['DELETE FROM users WHERE id = $1', [erasedId]] as [string, unknown[]]] : []),
        ['INSERT INTO erased (h, at) VALUES ($1, $2) ON CONFLICT (h) DO UPDATE SET at = EXCLUDED.at', [change.h, change.at]],
      ];
    case 'reopen':
      return [['DELETE FROM erased WHERE h = $1', [change.h]]];
    case 'introduced':
      return [
        ['INSERT INTO introduced (h, at) VALUES ($1, $2) ON CONFLICT (h) DO NOTHING', [change.h, change.at]],
        [`DELETE FROM introduced WHERE seq <= (SELECT max(seq) - $1 FROM introduced)`, [MAX_INTRODUCED]],
      ];
    case 'invite':
      return [['INSERT INTO invites (code, invite) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET invite = EXCLUDED.invite', [change.v.code, json(change.v)]]];
    case 'deleteInvite':
      return [['DELETE FROM invites WHERE code = $1', [change.code]]];
    case 'pairing':
      return [['INSERT INTO pairings (id, pairing) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET pairing = EXCLUDED.pairing', [change.v.id, json(change.v)]]];
    case 'deletePairing':
      return [['DELETE FROM pairings WHERE id = $1', [change.id]]];
    case 'resumeGrant':
      return [['INSERT INTO resume_grants (id, grant_) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET grant_ = EXCLUDED.grant_', [change.v.id, json(change.v)]]];
    case 'deleteResumeGrant':
      return [['DELETE FROM resume_grants WHERE id = $1', [change.id]]];
    case 'clearLogs':
      return [
        ['DELETE FROM unanswered', []],
        ['DELETE FROM feedback', []],
        ['DELETE FROM introduced', []],
      ];
    case 'unanswered':
    case 'feedback':
      // The table names are ours (the op), never the user's.
      return [
        [`INSERT INTO ${change.op} (entry) VALUES ($1)`, [json(change.v)]],
        [`DELETE FROM ${change.op} WHERE seq <= (SELECT max(seq) - $1 FROM ${change.op})`, [MAX_LOG_ENTRIES]],
      ];
  }
}

/** Batches committed together at most: a turn waits for one transaction, however many users write at once. */
const MAX_GROUP = 200;

interface Pending {
  changes: readonly PreparedChange[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * The store's changes in PostgreSQL, in the order the store committed them (so that the database
 * ends as the memory does). While one transaction runs, the batches that come meanwhile wait and
 * then go together in the next one (group commit: one round of statements and one COMMIT for many
 * turns); if that transaction fails, they are tried one by one, so that only the batch the
 * database refuses fails. There is no file to scrub after an erasure: the rows are deleted in the
 * erasure's transaction (PostgreSQL's own WAL and the operator's backups, `pg_dump`, are the
 * operator's to age).
 */
export class PostgresChangeLog implements ChangeLog {
  private pending: Pending[] = [];
  private running = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly pool: pg.Pool,
    /** Ends the connections (and the instance's lock) once everything is written. */
    private readonly end: () => Promise<void>,
  ) {}

  append(changes: readonly PreparedChange[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ changes, resolve, reject });
      this.pump();
    });
  }

  changed(): void {}

  async check(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  flush(): Promise<void> {
    if (!this.running && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    await this.flush();
    await this.end();
  }

  private pump(): void {
    if (this.running) return;
    if (this.pending.length === 0) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
      return;
    }
    this.running = true;
    const group = this.pending.splice(0, MAX_GROUP);
    void this.commitGroup(group).finally(() => {
      this.running = false;
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
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const { change, erasedId } of changes) {
        for (const [sql, params] of statements(change, erasedId)) await client.query(sql, params);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
