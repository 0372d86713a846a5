import type { HistoryEntry } from '../../domain/conversation-history.js';
import type { Database, UserRecord } from '../../domain/user-record.js';
import { isSharedChange, sharedRowOf, sharedTable, type PreparedChange } from './store-changes.js';
import type { UserCache } from './user-cache.js';

/*
 * What a batch needs when several servers share the database: what each change replaces as this
 * server knows it (the database refuses a change made on a stale copy), and how to take the batch
 * back out of memory when the database refused it.
 */

/**
 * Each change's `before`: the value it replaces as this server knows it (null: none), for a
 * database shared by several servers to refuse a change made on a stale copy. A key changed twice
 * in a batch has, for its second change, the first one's value.
 */
export function noteBefore(data: Database, cache: UserCache, changes: readonly PreparedChange[]): void {
  /** Invitations, pairings and resume codes changed earlier in the batch: `kind:key` → value (null: deleted). */
  const shadow = new Map<string, unknown>();
  /** A user's row version as this server knows it: a number, null (no row), undefined (not known); and the record at that version. */
  const versions = new Map<string, { version: number | null | undefined; record: UserRecord | null }>();
  const knownOf = (id: string) => {
    const shadowed = versions.get(id);
    if (shadowed) return shadowed;
    const entry = cache.peek(id);
    return entry === undefined ? { version: undefined, record: null } : { version: entry.record === null ? null : entry.version, record: entry.record };
  };
  for (const p of changes) {
    const { change } = p;
    if (change.op === 'user') {
      const { version: before, record: old } = knownOf(change.v.id);
      p.before = before;
      p.held = heldOf(before, old, change.v);
      versions.set(change.v.id, { version: typeof before === 'number' ? before + 1 : before === null ? 1 : undefined, record: change.v });
    } else if (change.op === 'deleteUser') {
      p.before = knownOf(change.id).version;
      versions.set(change.id, { version: null, record: null });
    } else if (change.op === 'erase' && p.erasedId !== undefined) versions.set(p.erasedId, { version: null, record: null });
    else if (isSharedChange(change)) {
      const { kind, key, value } = sharedRowOf(change);
      const k = `${kind}:${key}`;
      p.before = shadow.has(k) ? shadow.get(k) : (sharedTable(data, kind)[key] ?? null);
      shadow.set(k, value ?? null);
    }
  }
}

/**
 * What the database holds of a user's history and push subscriptions, when this server knows it:
 * at the version it read, the rows of the record it read (none when there is no row). An exchange
 * keeps its number and content until it is dropped (conversation-history.ts), so the exchanges up
 * to the last one of that record are those of the new record with the same numbers.
 */
function heldOf(before: number | null | undefined, old: UserRecord | null, next: UserRecord): PreparedChange['held'] {
  const push = (r: UserRecord | null) => JSON.stringify(r?.jeudis?.push ?? []);
  if (before === null) return { historyUpTo: 0, pushSame: push(next) === '[]' };
  if (typeof before !== 'number' || old === null) return undefined;
  return { historyUpTo: continues(old.history, next.history) ? (old.history.at(-1)?.n ?? 0) : 0, pushSame: push(old) === push(next) };
}

/** Whether `next` is `old` with exchanges dropped from the start and added at the end (otherwise every exchange is written). */
function continues(old: readonly HistoryEntry[], next: readonly HistoryEntry[]): boolean {
  const last = old.at(-1)?.n ?? 0;
  const byNumber = new Map(old.map((e) => [e.n, e]));
  return next.every((e) => e.n !== undefined && (e.n > last || (byNumber.get(e.n)?.at === e.at && byNumber.get(e.n)?.said === e.said)));
}

/**
 * How to take a batch back out of the data in memory (a database refused it): each key it
 * changes, as it was before. Applied in reverse order, so that a key changed twice comes back
 * to its first value.
 */
export function undoOf(data: Database, cache: UserCache, changes: readonly PreparedChange[]): () => void {
  const steps: Array<() => void> = [];
  const restore = <T>(map: Record<string, T>, key: string) => {
    const before = map[key];
    steps.push(() => {
      if (before === undefined) delete map[key];
      else map[key] = before;
    });
  };
  // A user's copy in memory goes back to what this server knew before, with its version: if the
  // database did take the write after all, the next write of that copy is refused as a conflict
  // and the user is read again.
  const forget = (id: string) => {
    const before = cache.peek(id);
    steps.push(() => (before ? cache.set(id, before) : cache.delete(id)));
  };
  for (const { change, erasedId } of changes) {
    if (isSharedChange(change)) {
      const { kind, key } = sharedRowOf(change);
      restore(sharedTable(data, kind), key);
      continue;
    }
    switch (change.op) {
      case 'user':
        forget(change.v.id);
        break;
      case 'deleteUser':
        forget(change.id);
        break;
      case 'erase':
        if (erasedId !== undefined) forget(erasedId);
        restore(data.erased, change.h);
        break;
      case 'reopen':
        restore(data.erased, change.h);
        break;
      case 'introduced':
        restore(data.introduced, change.h);
        break;
      case 'clearLogs': {
        const { unanswered, feedback, introduced } = data;
        steps.push(() => Object.assign(data, { unanswered, feedback, introduced }));
        break;
      }
      case 'unanswered':
      case 'feedback': {
        const entries = data[change.op] as unknown[];
        const entry = change.v;
        steps.push(() => {
          const at = entries.lastIndexOf(entry);
          if (at >= 0) entries.splice(at, 1);
        });
        break;
      }
    }
  }
  return () => {
    for (const step of steps.reverse()) step();
  };
}
