import type { PreparedChange } from './store-changes.js';

/**
 * Where a store's committed changes are kept: the data directory's write-ahead log and snapshots
 * (`FileChangeLog`, the default), or PostgreSQL (`PostgresChangeLog`). The store keeps the data
 * in memory and applies each batch there; the log makes it durable.
 */
export interface ChangeLog {
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
}
