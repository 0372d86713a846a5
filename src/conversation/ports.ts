import type { OutMessage } from '../domain/out-message.js';
import type { RedeemResult } from '../domain/pairing.js';
import type { Pairing, Profile, UserRecord } from '../domain/user-record.js';

/**
 * What the conversation needs from the rest of the system, as interfaces it owns: the services
 * and the storage implement them, and the conversation never imports them.
 */

/** Users' records: read one, save one, and the erasures. */
export interface UserRecords {
  get(id: string): UserRecord | undefined;
  put(record: UserRecord): void;
  wasErased(id: string): boolean;
  reopen(id: string): void;
}

/** Pairing of two users (see the pairing dialog). */
export interface PairingApi {
  active(userId: string): Pairing | undefined;
  partnerOf(userId: string): string | undefined;
  createInvite(inviterId: string, now: Date): { code: string; expiresAt: Date };
  redeem(text: string, userId: string, now: Date): RedeemResult;
  cancel(userId: string, now: Date): boolean;
}

/** Free-text questions: answers, the buttons of earlier answers, and whether a text is a question. */
export interface QuestionsApi {
  answer(text: string, now: Date, options: { confidentOnly: boolean; profile?: Pick<Profile, 'actor' | 'departement' | 'options'> }): OutMessage[] | undefined;
  button(value: string | undefined, now: Date): OutMessage[] | undefined;
  isQuestion(text: string): boolean;
}
