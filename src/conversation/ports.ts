import type { OutMessage } from '../domain/out-message.js';
import type { RedeemResult } from '../domain/pairing.js';
import type { AnswerFeedback, Invite, Pairing, Profile, ResumeGrant, UnansweredQuestion, UserRecord } from '../domain/user-record.js';

/**
 * What the conversation needs from the rest of the system, as interfaces it owns: the services
 * and the storage implement them, and the conversation never imports them.
 */

/** Writes a turn makes beside the user's own record, applied only if the turn succeeds. */
export interface TurnWrites {
  putInvite(invite: Invite): unknown;
  putPairing(pairing: Pairing): unknown;
  logUnanswered(entry: UnansweredQuestion): unknown;
  logFeedback(entry: AnswerFeedback): unknown;
  putResumeGrant(grant: ResumeGrant): unknown;
  deleteResumeGrant(id: string): unknown;
}

/** One user's write, under that user's lock: everything it does is saved together, or nothing. */
export interface RecordTx {
  /** The user's record as stored (a copy to change), or undefined for a new user. */
  readonly stored: UserRecord | undefined;
  /** Another copy of the record as stored (`stored` may have been changed by a failed turn). */
  reread(): UserRecord | undefined;
  readonly writes: TurnWrites;
  save(user: UserRecord): void;
  /** Erases the user: record, invitations, pairings, deliveries (every copy, see the storage). */
  erase(now: Date): void;
  /** An erased account the user cannot change (Teams) may have a record again. */
  reopen(): void;
  /** Forgets everything this write gathered (the turn failed: nothing of it is saved). */
  discard(): void;
  /** Runs once the write is saved (e.g. ending a web session after an erasure). */
  afterCommit(fn: () => void): void;
}

/**
 * Users' records, and THE way to write them: `update` runs `fn` under the user's lock and saves
 * what it gathered in one write (turns, Thursday prompts, Teams install and removal, pairing,
 * privacy and retention all go through it).
 */
export interface UserRecords {
  read(id: string): Promise<UserRecord | undefined>;
  wasErased(id: string): boolean;
  /** `fn` is synchronous: its reads and the write happen in one tick, no other write in between. */
  update<T>(userId: string, fn: (tx: RecordTx) => T): Promise<T>;
  /**
   * Changes a stored user's record under their lock (a Thursday prompt delivered, a Teams link
   * forgotten); false when there is none (erased meanwhile) or the change could not be saved.
   */
  change(userId: string, fn: (user: UserRecord) => void): Promise<boolean>;
  /** Resolves when every write under way is done (graceful shutdown). */
  idle(): Promise<void>;
}

/** Pairing of two users (see the pairing dialog). */
export interface PairingApi {
  /** The same pairing, writing into a turn's writes (saved only if the turn succeeds). */
  within(writes: TurnWrites): PairingApi;
  active(userId: string): Pairing | undefined;
  partnerOf(userId: string): string | undefined;
  createInvite(inviterId: string, now: Date): { code: string; expiresAt: Date };
  redeem(text: string, userId: string, now: Date): RedeemResult;
  cancel(userId: string, now: Date): boolean;
}

/** Free-text questions: answers, the buttons of earlier answers, and whether a text is a question. */
export interface QuestionsApi {
  /** `log`: where the unanswered question is logged (the turn's writes). */
  answer(text: string, now: Date, options: { confidentOnly: boolean; profile?: Pick<Profile, 'actor' | 'departement' | 'options'>; log?: TurnWrites }): OutMessage[] | undefined;
  button(value: string | undefined, now: Date, log?: TurnWrites): OutMessage[] | undefined;
  isQuestion(text: string): boolean;
}

/** Why a resume code typed in the chat opens nothing. */
export type ResumeRefusal = 'unknown' | 'expired' | 'used' | 'own';

/**
 * Continuing a web conversation on another device: a short code (typed in the other device's
 * chat) and a signed link, for the same single-use, short-lived grant.
 */
export interface ResumeApi {
  /** The same, writing into a turn's writes and acting once they are saved (see TurnHandler). */
  within(tx: Pick<RecordTx, 'writes' | 'afterCommit'>, keepSecret: (secret: string) => void): ResumeApi;
  /** Whether this user's conversation can be continued elsewhere this way (a web identity; Teams follows its users). */
  offers(user: UserRecord): boolean;
  /** Minutes a code stays valid. */
  readonly minutes: number;
  /** A new code and link for the user (any earlier one they had stops working). */
  create(userId: string, now: Date): { code: string; url: string; expiresAt: Date };
  /**
   * The code typed on the new device (`deviceUserId`, the identity of that browser): once the
   * turn is saved, that browser is moved onto the code's conversation.
   */
  redeem(text: string, deviceUserId: string, now: Date): { ok: true } | { ok: false; reason: ResumeRefusal };
}
