import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AnswerFeedback, Invite, Pairing, ResumeGrant, UnansweredQuestion, UserRecord, type Database } from '../../domain/user-record.js';
import type { UserSink } from './change-log.js';

/*
 * The changes a store is made of, whatever keeps them (the data directory's log and snapshots, or
 * PostgreSQL): their schema, how one applies to the data in memory, and the pruning at start-up.
 */

/** One change as the write-ahead log keeps it. */
export const Change = z.discriminatedUnion('op', [
  z.object({ op: z.literal('user'), v: UserRecord }),
  z.object({ op: z.literal('deleteUser'), id: z.string() }),
  z.object({ op: z.literal('invite'), v: Invite }),
  z.object({ op: z.literal('deleteInvite'), code: z.string() }),
  z.object({ op: z.literal('pairing'), v: Pairing }),
  z.object({ op: z.literal('deletePairing'), id: z.string() }),
  z.object({ op: z.literal('unanswered'), v: UnansweredQuestion }),
  z.object({ op: z.literal('feedback'), v: AnswerFeedback }),
  z.object({ op: z.literal('resumeGrant'), v: ResumeGrant }),
  z.object({ op: z.literal('deleteResumeGrant'), id: z.string() }),
  /** A user erased: `h` is the SHA-256 of their id (the log never names them again). */
  z.object({ op: z.literal('erase'), h: z.string(), at: z.string() }),
  z.object({ op: z.literal('reopen'), h: z.string() }),
  /** The bot introduced itself in a team or group chat: `h` is the SHA-256 of the conversation id. */
  z.object({ op: z.literal('introduced'), h: z.string(), at: z.string() }),
  /** The logs for content authors and the introductions emptied (a copy replacing the data: storage:migrate --force). */
  z.object({ op: z.literal('clearLogs') }),
]);
/** Changes written as one line of the log: all of them survive a crash, or none. */
export const Batch = z.object({ op: z.literal('batch'), changes: z.array(z.unknown()) });
export type Change = z.infer<typeof Change>;

/** Logs for content authors keep the most recent entries only. */
export const MAX_LOG_ENTRIES = 10_000;
/** Group chats remembered as introduced: the most recent ones (an older one would only hear the introduction again). */
export const MAX_INTRODUCED = 50_000;
/** How long an erasure is remembered: longer than any report link (30 days) or identity cookie (1 year). */
export const DEFAULT_TOMBSTONE_DAYS = 400;

/** What the store keeps of an erased user's id. */
export function erasedKey(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

export function emptyDatabase(): Database {
  return { version: 1, users: {}, invites: {}, pairings: {}, resumeGrants: {}, unanswered: [], feedback: [], erased: {}, introduced: {} };
}

/** Forgets the erasures older than `days` (their ids may be used again); true if any was. */
export function pruneTombstones(data: Database, now: Date, days: number): boolean {
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  let pruned = false;
  for (const [key, at] of Object.entries(data.erased)) {
    if (at < cutoff) {
      delete data.erased[key];
      pruned = true;
    }
  }
  return pruned;
}

/** Forgets the resume codes that have expired (used or not); true if any was. */
export function pruneResumeGrants(data: Database, now: Date): boolean {
  const at = now.toISOString();
  let pruned = false;
  for (const [id, grant] of Object.entries(data.resumeGrants)) {
    if (grant.expiresAt <= at) {
      delete data.resumeGrants[id];
      pruned = true;
    }
  }
  return pruned;
}

/** A change ready for the log: the change, its line, and for an erasure the id it is for. */
export interface PreparedChange {
  change: Change;
  line: string;
  /** For a user's record, its JSON (the line holds it): a user's file is written with it. */
  json?: string;
  erasedId?: string;
  /**
   * For a database shared by several servers: the value this change replaces as this server knew
   * it (null: none), so that the database refuses it if another server changed it meanwhile.
   */
  before?: unknown;
  /**
   * For a user's record in a shared database that keeps their history and push subscriptions in
   * rows of their own: what it holds already, as this server knows it — the exchanges numbered
   * up to `historyUpTo` (as they are in the record), and whether the push subscriptions are the
   * record's. Absent: not known, all of them are written.
   */
  held?: { historyUpTo: number; pushSame: boolean };
}

/** The changes of an invitation, pairing or resume code: one keyed value each, put or deleted. */
type SharedChange = Extract<Change, { op: 'invite' | 'deleteInvite' | 'pairing' | 'deletePairing' | 'resumeGrant' | 'deleteResumeGrant' }>;

const SHARED_OPS: ReadonlySet<Change['op']> = new Set(['invite', 'deleteInvite', 'pairing', 'deletePairing', 'resumeGrant', 'deleteResumeGrant']);

/** Whether a change puts or deletes an invitation, pairing or resume code (see sharedRowOf). */
export function isSharedChange(change: Change): change is SharedChange {
  return SHARED_OPS.has(change.op);
}

/** The tables of such values, by kind. */
const SHARED_TABLES = { invite: 'invites', pairing: 'pairings', resumeGrant: 'resumeGrants' } as const;
export type SharedKind = keyof typeof SHARED_TABLES;

/**
 * The keyed value a change of an invitation, pairing or resume code writes: its kind, its key and
 * its new value (undefined: deleted). One place for what each backend and the undo do alike.
 */
export function sharedRowOf(change: SharedChange): { kind: SharedKind; key: string; value: Invite | Pairing | ResumeGrant | undefined } {
  switch (change.op) {
    case 'invite':
      return { kind: 'invite', key: change.v.code, value: change.v };
    case 'deleteInvite':
      return { kind: 'invite', key: change.code, value: undefined };
    case 'pairing':
      return { kind: 'pairing', key: change.v.id, value: change.v };
    case 'deletePairing':
      return { kind: 'pairing', key: change.id, value: undefined };
    case 'resumeGrant':
      return { kind: 'resumeGrant', key: change.v.id, value: change.v };
    case 'deleteResumeGrant':
      return { kind: 'resumeGrant', key: change.id, value: undefined };
  }
}

/** The table in memory holding values of this kind. */
export function sharedTable(data: Database, kind: SharedKind): Record<string, unknown> {
  return data[SHARED_TABLES[kind]];
}

/**
 * Applies a change to the data in memory; a user's record goes to `users` (the store keeps
 * records apart from the rest: see UserShelf). `erasedId`: the id of an `erase`, when known.
 */
export function applyChange(data: Database, change: Change, users: UserSink, erasedId?: string): void {
  if (isSharedChange(change)) {
    const { kind, key, value } = sharedRowOf(change);
    const table = sharedTable(data, kind);
    if (value === undefined) delete table[key];
    else table[key] = value;
    return;
  }
  switch (change.op) {
    case 'user':
      users.put(change.v);
      return;
    case 'deleteUser':
      users.delete(change.id);
      return;
    case 'erase':
      users.erase(change.h, erasedId);
      data.erased[change.h] = change.at;
      return;
    case 'reopen':
      delete data.erased[change.h];
      return;
    case 'introduced': {
      data.introduced[change.h] = change.at;
      const keys = Object.keys(data.introduced);
      // Insertion order is the order of arrival: the oldest go first.
      for (const key of keys.slice(0, Math.max(0, keys.length - MAX_INTRODUCED))) delete data.introduced[key];
      return;
    }
    case 'clearLogs':
      data.unanswered = [];
      data.feedback = [];
      data.introduced = {};
      return;
    case 'unanswered':
    case 'feedback': {
      const entries = data[change.op] as Array<typeof change.v>;
      entries.push(change.v);
      if (entries.length > MAX_LOG_ENTRIES) entries.splice(0, entries.length - MAX_LOG_ENTRIES);
      return;
    }
  }
}
