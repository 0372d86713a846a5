import type { UserRecord } from '../../../domain/user-record.js';
import type { PreparedChange } from '../store-changes.js';
import { json } from './jsonb-text.js';
import type { Statement } from './one-query.js';

/*
 * A user's record in PostgreSQL: the `users` row holds it without its history and its push
 * subscriptions, which have rows of their own (`history`, one per exchange by its number;
 * `push_subscriptions`, one per browser in order). A turn writes its new exchange, not the whole
 * history again (up to 24 KiB). Read back together by PostgresUserShelf.
 */

/** The record as its `users` row keeps it: no history, and no push subscriptions when it has some (they have their rows). */
export function recordRow(record: UserRecord): string {
  const row: Partial<UserRecord> = { ...record };
  delete row.history;
  if (row.jeudis?.push?.length) {
    row.jeudis = { ...row.jeudis };
    delete row.jeudis.push;
  }
  return json(row);
}

/** A user's record written, and what the database holds of it already (see PreparedChange.held). */
export interface UserWrite {
  record: UserRecord;
  held: PreparedChange['held'];
}

/**
 * The statements writing the users' history and push subscriptions rows, after their `users`
 * rows: the exchanges no longer in the history deleted (an exchange is dropped from the oldest
 * end, numbers follow each other), the ones the database does not hold yet written, and the push
 * subscriptions replaced when they changed. A few statements of many rows, whatever the users.
 */
export function childRows(writes: readonly UserWrite[]): Statement[] {
  if (writes.length === 0) return [];
  const statements: Statement[] = [];
  const ids = writes.map((w) => w.record.id);
  // An empty history keeps no row: from 1 to 0.
  const first = writes.map((w) => w.record.history[0]?.n ?? 1);
  const last = writes.map((w) => w.record.history.at(-1)?.n ?? 0);
  statements.push({
    sql: 'DELETE FROM history AS h USING unnest($1::text[], $2::int[], $3::int[]) AS v(id, first, last) WHERE h.user_id = v.id AND (h.n < v.first OR h.n > v.last)',
    params: [ids, first, last],
  });
  const entries = writes.flatMap((w) =>
    w.record.history
      .filter((e) => w.held === undefined || (e.n ?? 0) > w.held.historyUpTo)
      .map(({ n, ...entry }) => ({ id: w.record.id, n: n ?? 0, entry: json(entry) })),
  );
  if (entries.length > 0) {
    statements.push({
      sql:
        'INSERT INTO history (user_id, n, entry) SELECT v.id, v.n, v.entry::jsonb FROM unnest($1::text[], $2::int[], $3::text[]) AS v(id, n, entry) ' +
        'ON CONFLICT (user_id, n) DO UPDATE SET entry = EXCLUDED.entry',
      params: [entries.map((e) => e.id), entries.map((e) => e.n), entries.map((e) => e.entry)],
    });
  }
  const pushing = writes.filter((w) => w.held === undefined || !w.held.pushSame);
  if (pushing.length > 0) {
    statements.push({ sql: 'DELETE FROM push_subscriptions WHERE user_id = ANY($1::text[])', params: [pushing.map((w) => w.record.id)] });
    const rows = pushing.flatMap((w) => (w.record.jeudis?.push ?? []).map((sub, i) => ({ id: w.record.id, position: i + 1, sub: json(sub) })));
    if (rows.length > 0) {
      statements.push({
        sql: 'INSERT INTO push_subscriptions (user_id, position, subscription) SELECT v.id, v.position, v.s::jsonb FROM unnest($1::text[], $2::int[], $3::text[]) AS v(id, position, s)',
        params: [rows.map((r) => r.id), rows.map((r) => r.position), rows.map((r) => r.sub)],
      });
    }
  }
  return statements;
}
