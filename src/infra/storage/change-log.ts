import type { Database, UserRecord } from '../../domain/user-record.js';
import type { PreparedChange } from './store-changes.js';

/**
 * Where a store's committed changes are kept: the data directory's write-ahead log and snapshots
 * (`FileChangeLog`, the default), or PostgreSQL (`PostgresChangeLog`). The store keeps the data
 * in memory and applies each batch there; the log makes it durable.
 */
export interface ChangeLog {
  /**
   * Kept in a database other servers write too: each change carries what it replaces (`before`),
   * and a batch the database refuses after the store applied it is undone in memory.
   */
  readonly shared: boolean;
  /**
   * Keeps a batch. The file log appends it before the store applies it (throwing: nothing is
   * applied); a database writes it in one transaction, the promise resolving once it is committed
   * (rejecting: the store undoes it in memory).
   */
  append(changes: readonly PreparedChange[]): void | Promise<void>;
  /** The data changed; `erased`: a user was erased, and every copy of them must go now. */
  changed(erased: boolean): void;
  /** Resolves when everything appended so far is kept (and, for files, the snapshot written). */
  flush(): Promise<void>;
  close(): Promise<void>;
  /** Rejects when the storage cannot be reached now (a database down): `/readyz` says so. */
  check(): Promise<void>;
  /**
   * What another server may have changed, read again (a database shared by several servers):
   * these users' records (absent: gone), and with `shared` the invitations, pairings, resume codes
   * and erasures. The data directory has one server: no such method.
   */
  reload?(userIds: readonly string[], shared: boolean): Promise<Reloaded>;
  /** What of a reload to put in memory now (see PostgresChangeLog.adopt), in the same tick as the store does. */
  adopt?(fresh: Reloaded): Reloaded;
}

/** Rows read again from a shared database, checked by the same schemas as at start-up. */
export interface Reloaded {
  /** Each user read again: their record and its row version, or null when it is gone. */
  users: Map<string, { record: UserRecord; version: number } | null>;
  shared?: Pick<Database, 'invites' | 'pairings' | 'resumeGrants' | 'erased'>;
}
