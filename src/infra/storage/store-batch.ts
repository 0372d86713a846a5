import { jsonBytes, numberedHistory, trimHistory } from '../../domain/conversation-history.js';
import type { AnswerFeedback, Invite, Pairing, ResumeGrant, UnansweredQuestion, UserRecord } from '../../domain/user-record.js';
import { erasedKey, type Change, type PreparedChange } from './store-changes.js';
import { ErasedUserError, RecordTooLargeError } from './storage-errors.js';

/** Messages kept in a user's inbox (prompts waiting for their next visit): the most recent ones. */
export const MAX_INBOX = 10;

/** What a batch checks a change against: erased ids, and the size of a record. */
export interface BatchChecks {
  wasErased(id: string): boolean;
  readonly limits: { maxRecordBytes: number };
}

/**
 * Changes gathered to be written together by `UserStore.commit`. Each is checked as it is added
 * (an erased id, a record too large): a refusal throws before anything is written.
 */
export class StoreBatch {
  readonly changes: PreparedChange[] = [];

  constructor(private readonly store: BatchChecks) {}

  /**
   * A user's record (a copy of it). Refused when the id is that of an erased user
   * (ErasedUserError, unless this batch reopens it) or when the record would be larger than
   * `maxRecordBytes` (RecordTooLargeError). Only the last MAX_INBOX messages of the inbox are kept;
   * the conversation's history gives way first: its oldest exchanges are dropped until the record
   * fits (it is refused only when it is too large without them).
   */
  put(record: UserRecord, options: { owned?: boolean } = {}): this {
    if (this.store.wasErased(record.id) && !this.reopens(record.id)) throw new ErasedUserError();
    // `owned`: the caller hands the record over and never touches it again (a turn's record):
    // no copy is needed, the store keeps this one.
    const copy = options.owned ? record : structuredClone(record);
    if (copy.inbox.length > MAX_INBOX) copy.inbox = copy.inbox.slice(-MAX_INBOX);
    // Every exchange numbered (a record of an older version, or made in code, may not be): see user-rows.ts.
    if (copy.history.some((e) => e.n === undefined)) copy.history = numberedHistory(copy.history);
    let json = JSON.stringify(copy);
    let bytes = Buffer.byteLength(json);
    const { maxRecordBytes } = this.store.limits;
    if (bytes > maxRecordBytes && copy.history.length > 0) {
      const others = bytes - jsonBytes(copy.history);
      copy.history = trimHistory(copy.history, Math.max(2, maxRecordBytes - others));
      json = JSON.stringify(copy);
      bytes = Buffer.byteLength(json);
    }
    if (bytes > maxRecordBytes) throw new RecordTooLargeError(bytes, maxRecordBytes);
    this.changes.push({ change: { op: 'user', v: copy }, line: `{"op":"user","v":${json}}`, json });
    return this;
  }

  delete(id: string): this {
    return this.add({ op: 'deleteUser', id });
  }

  erase(id: string, now: Date): this {
    const change: Change = { op: 'erase', h: erasedKey(id), at: now.toISOString() };
    this.changes.push({ change, line: JSON.stringify(change), erasedId: id });
    return this;
  }

  /**
   * Lets an erased id have a record again: for an identity the user cannot change (a Teams
   * account), who comes back after erasing their data. Their old links stay dead (they were
   * issued before the new record was created).
   */
  reopen(id: string): this {
    return this.store.wasErased(id) ? this.add({ op: 'reopen', h: erasedKey(id) }) : this;
  }

  putInvite(invite: Invite): this {
    return this.add({ op: 'invite', v: structuredClone(invite) });
  }

  deleteInvite(code: string): this {
    return this.add({ op: 'deleteInvite', code });
  }

  putPairing(pairing: Pairing): this {
    return this.add({ op: 'pairing', v: structuredClone(pairing) });
  }

  deletePairing(id: string): this {
    return this.add({ op: 'deletePairing', id });
  }

  logUnanswered(entry: UnansweredQuestion): this {
    return this.add({ op: 'unanswered', v: entry });
  }

  logFeedback(entry: AnswerFeedback): this {
    return this.add({ op: 'feedback', v: entry });
  }

  putResumeGrant(grant: ResumeGrant): this {
    return this.add({ op: 'resumeGrant', v: structuredClone(grant) });
  }

  deleteResumeGrant(id: string): this {
    return this.add({ op: 'deleteResumeGrant', id });
  }

  /** An erasure remembered from elsewhere (a copy between backends): `h` is the SHA-256 of the id. */
  tombstone(h: string, at: string): this {
    return this.add({ op: 'erase', h, at });
  }

  /** Forgets an erasure by its hash (a copy replacing the data: see copyStore). */
  forgetErasure(h: string): this {
    return this.add({ op: 'reopen', h });
  }

  /** Empties the logs for content authors and the introductions (see copyStore). */
  clearLogs(): this {
    return this.add({ op: 'clearLogs' });
  }

  /** A team or group chat the bot introduced itself in (`h`: the SHA-256 of its id). */
  introduced(h: string, now: Date): this {
    return this.add({ op: 'introduced', h, at: now.toISOString() });
  }

  private reopens(id: string): boolean {
    const h = erasedKey(id);
    return this.changes.some((c) => c.change.op === 'reopen' && c.change.h === h);
  }

  private add(change: Change): this {
    this.changes.push({ change, line: JSON.stringify(change) });
    return this;
  }
}
