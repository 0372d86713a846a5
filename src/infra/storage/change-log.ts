import { z } from 'zod';
import { DueSubscription, type Database, type UserRecord } from '../../domain/user-record.js';
import type { PreparedChange } from './store-changes.js';
import type { CachedUser } from './user-cache.js';

/** Where the user changes of a committed batch go (see applyChange). */
export interface UserSink {
  /** `json`: the record as JSON, when the caller has it already (the log's line). */
  put(record: UserRecord, json?: string): void;
  delete(id: string): void;
  /** An erased user: `h` is the SHA-256 of their id, `id` the id when known (not during a replay). */
  erase(h: string, id?: string): void;
}

/** A subscriber of the Thursday prompts and what says when they are due (a line of the data directory's subscribers' index). */
export const Subscriber = z.object({ id: z.string(), due: DueSubscription });
export type Subscriber = z.infer<typeof Subscriber>;

/**
 * Users' records where they are kept (one file per user in the data directory, or PostgreSQL's
 * table), read on demand: the store holds in memory only those used lately (see UserCache), so
 * that its memory does not grow with the users stored.
 */
export interface UserShelf extends UserSink {
  /** These users as stored now (null record: none), each checked by the schema; a row version with a shared database. */
  read(ids: readonly string[]): Promise<Map<string, CachedUser>>;
  /** Every subscriber of the Thursday prompts (the scheduler's list, read every minute). */
  subscribers(): Promise<Subscriber[]>;
  /** Ids of the users whose last activity (`updatedAt`) is before `cutoff` (an ISO date). */
  inactiveSince(cutoff: string): Promise<string[]>;
  /** Every stored record, a page at a time (a copy between backends, an export): never all in memory at once. */
  scan(visit: (records: UserRecord[]) => Promise<void> | void): Promise<void>;
}

/**
 * Where a store's committed changes are kept: the data directory's write-ahead log, snapshots
 * and user files (`FileChangeLog`, the default), or PostgreSQL (`PostgresChangeLog`). The store
 * keeps the shared tables in memory and the users it used lately, and applies each batch there;
 * the log makes it durable.
 */
export interface ChangeLog {
  /**
   * Kept in a database other servers write too: each change carries what it replaces (`before`),
   * and a batch the database refuses after the store applied it is undone in memory.
   */
  readonly shared: boolean;
  readonly users: UserShelf;
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
   * The invitations, pairings, resume codes and erasures read again (a database shared by several
   * servers, after another changed them). The data directory has one server: no such method.
   */
  reload?(): Promise<Reloaded>;
  /** What of a reload to put in memory now (see PostgresChangeLog.adopt), in the same tick as the store does. */
  adopt?(fresh: Reloaded): Reloaded | undefined;
}

/** The shared tables read again from a shared database, checked by the same schemas as at start-up. */
export type Reloaded = Pick<Database, 'invites' | 'pairings' | 'resumeGrants' | 'erased'>;
