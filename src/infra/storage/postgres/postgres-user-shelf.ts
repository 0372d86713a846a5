import type pg from 'pg';
import { jsonPath } from '../../../content/content-problem.js';
import { DueSubscription, UserRecord } from '../../../domain/user-record.js';
import type { Subscriber, UserShelf } from '../change-log.js';
import { StorageError, StorageUnavailableError } from '../storage-errors.js';
import type { CachedUser } from '../user-cache.js';
import { unavailable } from './unavailable.js';

/** Rows read per query of a scan. */
const SCAN_PAGE = 500;

/** A user's row with their history's rows and push subscriptions' rows (`u`: the users table), for `assembled`. */
const COLUMNS = `u.id, u.record,
  coalesce((SELECT jsonb_agg(h.entry || jsonb_build_object('n', h.n) ORDER BY h.n) FROM history h WHERE h.user_id = u.id), '[]'::jsonb) AS history,
  (SELECT jsonb_agg(p.subscription ORDER BY p.position) FROM push_subscriptions p WHERE p.user_id = u.id) AS push`;

interface UserRow {
  id: string;
  record: unknown;
  history: unknown;
  push: unknown;
}

/** The record as the store keeps it: the history and push subscriptions put back (see user-rows.ts). */
function assembled(row: UserRow): unknown {
  const record = row.record as { history?: unknown; jeudis?: { push?: unknown } } | null;
  if (record === null || typeof record !== 'object') return record;
  record.history = row.history;
  if (row.push !== null && record.jeudis && typeof record.jeudis === 'object') record.jeudis.push = row.push;
  return record;
}

/**
 * The users' table, read on demand (a turn's user, a report's): each row checked by the record's
 * schema, with its version (the store writes it back at that version only). Writes go through
 * PostgresChangeLog's transactions: the sink methods have nothing to do.
 */
export class PostgresUserShelf implements UserShelf {
  constructor(private readonly pool: pg.Pool) {}

  put(): void {}
  delete(): void {}
  erase(): void {}

  async read(ids: readonly string[]): Promise<Map<string, CachedUser>> {
    const rows = await this.query<UserRow & { version: string }>(`SELECT ${COLUMNS}, u.version FROM users u WHERE u.id = ANY($1)`, [ids]);
    const found = new Map(rows.map((r) => [r.id, r]));
    return new Map(
      ids.map((id) => {
        const row = found.get(id);
        return [id, row ? { record: check(assembled(row), id), version: Number(row.version) } : { record: null }];
      }),
    );
  }

  async subscribers(): Promise<Subscriber[]> {
    const rows = await this.query<{ id: string; due: unknown }>(`SELECT id, record->'jeudis' AS due FROM users WHERE record ? 'jeudis'`);
    const out: Subscriber[] = [];
    for (const row of rows) {
      const due = DueSubscription.safeParse(row.due);
      if (due.success) out.push({ id: row.id, due: due.data });
    }
    return out;
  }

  async inactiveSince(cutoff: string): Promise<string[]> {
    return (await this.query<{ id: string }>(`SELECT id FROM users WHERE record->>'updatedAt' < $1`, [cutoff])).map((r) => r.id);
  }

  async scan(visit: (records: UserRecord[]) => Promise<void> | void): Promise<void> {
    for (let after = ''; ; ) {
      const rows = await this.query<UserRow>(`SELECT ${COLUMNS} FROM users u WHERE u.id > $1 ORDER BY u.id LIMIT $2`, [after, SCAN_PAGE]);
      if (rows.length === 0) return;
      await visit(rows.map((r) => check(assembled(r), r.id)));
      after = rows.at(-1)!.id;
    }
  }

  /** A query whose failure to reach the database is told as such (the turn asks the user to wait a moment). */
  private async query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    // No connection at all: whatever PostgreSQL said (refused, not accepting connections now), it is out of reach.
    const client = await this.pool.connect().catch((err: unknown) => {
      throw new StorageUnavailableError((err as Error).message);
    });
    try {
      return (await client.query<T>(sql, params)).rows;
    } catch (err) {
      throw unavailable(err) ? new StorageUnavailableError((err as Error).message) : err;
    } finally {
      client.release();
    }
  }
}

/** A row checked by the record's schema: one that does not pass is a storage error (the row is left as it is). */
function check(raw: unknown, id: string): UserRecord {
  const parsed = UserRecord.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new StorageError(`La ligne de l'utilisateur ${JSON.stringify(id)} est hors schéma (${first ? `${jsonPath(first.path)} : ${first.message}` : '?'}) : elle est laissée telle quelle.`);
  }
  return parsed.data;
}
