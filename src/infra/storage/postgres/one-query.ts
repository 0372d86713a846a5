/**
 * A group's statements sent to PostgreSQL as one query text (the simple protocol), which
 * PostgreSQL runs as one transaction: one round trip instead of BEGIN, each statement, each
 * notification and COMMIT. Under load each round trip waits for the server's event loop (about
 * 18 ms each at 200 users on 2 cores): a transaction of 4 round trips took 78 ms, its turns
 * waited 119 ms (p50). The parameters are written as SQL literals by pg's escaping rule, and a
 * statement that must touch a number of rows checks it itself, raising the error of
 * `odd17_write_conflict` (the whole text is rolled back).
 */

/** The SQLSTATE `odd17_write_conflict` raises, its DETAIL saying what (migration `write-conflict`). */
export const WRITE_CONFLICT_CODE = 'OD409';

/** A statement with its parameters, and the rows it must touch (otherwise another server changed them first). */
export interface Statement {
  sql: string;
  params: unknown[];
  expect?: number;
  /** What a conflict concerns, for the error. */
  what?: string;
  /** The users a statement of many rows writes (its RETURNING gives their `id`): a conflict names the first left out. */
  ids?: string[];
}

/** A parameter as an SQL literal: strings through pg's escaping, finite numbers, NULL, arrays of those. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') {
    // The query text ends at a NUL (the protocol's terminator): refused, as PostgreSQL refuses it in a parameter.
    if (value.includes('\u0000')) throw new TypeError('a NUL character cannot be written to PostgreSQL');
    // pg.escapeLiteral's rule (quotes doubled; with a backslash, doubled too in an E'' string), by
    // the engine's replaceAll: its loop of one character at a time cost about 0.3 ms of CPU per turn.
    const quoted = `'${value.replaceAll("'", "''")}'`;
    return value.includes('\\') ? ` E${quoted.replaceAll('\\', '\\\\')}` : quoted;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`not a finite number: ${value}`);
    return String(value);
  }
  if (Array.isArray(value)) return value.length === 0 ? `'{}'` : `ARRAY[${value.map(literal).join(', ')}]`;
  throw new TypeError(`no SQL literal for a ${typeof value}`);
}

/** The statement with each `$n` replaced by its parameter's literal (in one pass: a literal is never read again). */
export function inlined(sql: string, params: readonly unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_match, n: string) => {
    const i = Number(n) - 1;
    if (i < 0 || i >= params.length) throw new RangeError(`$${n} has no parameter (${params.length} given)`);
    return literal(params[i]);
  });
}

/**
 * The statement as a text of its own, checking its count when it has one: the statement (with
 * a RETURNING) in a WITH, and `odd17_write_conflict` called when the rows it returned are not
 * the rows expected.
 */
export function checked(s: Statement): string {
  const sql = inlined(s.sql, s.params);
  if (s.expect === undefined) return sql;
  const what = s.ids
    ? `'users ' || coalesce((SELECT i FROM unnest(${literal(s.ids)}::text[]) AS i WHERE i NOT IN (SELECT id FROM w) LIMIT 1), '?')`
    : literal(s.what ?? '?');
  return `WITH w AS (${sql}) SELECT odd17_write_conflict(${what}) FROM (SELECT count(*) AS n FROM w) AS c WHERE c.n <> ${literal(s.expect)}`;
}

/** The statements as one text, run by PostgreSQL as one transaction. */
export function oneQuery(statements: readonly Statement[]): string {
  return statements.map(checked).join(';\n');
}
