import { randomInt, randomUUID } from 'node:crypto';
import { normaliseCode, type RedeemResult } from '../domain/pairing.js';
import type { Pairing } from '../domain/user-record.js';
import type { PairingApi, TurnWrites } from '../conversation/ports.js';
import type { UserStore } from '../infra/storage/user-store.js';

/** Letters and digits that cannot be confused when read aloud or copied (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_TTL_DAYS = 7;


/**
 * Pairing of two users who compare their objectives: invitations (8-character codes, single use,
 * valid INVITE_TTL_DAYS days) and the pairings themselves, stored apart from both users' records.
 */
export class PairingService implements PairingApi {
  /**
   * `writes`: where invitations and pairings are written; by default the store at once, in a
   * turn the turn's writes (see `within`), saved with the turn or not at all.
   */
  constructor(
    private readonly store: Pick<UserStore, 'getInvite' | 'pairings'> & TurnWrites,
    private readonly writes: TurnWrites = store,
  ) {}

  within(writes: TurnWrites): PairingApi {
    return new PairingService(this.store, writes);
  }

  createInvite(inviterId: string, now: Date): { code: string; expiresAt: Date } {
    let code: string;
    do code = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    while (this.store.getInvite(code));
    const expiresAt = new Date(now.getTime() + INVITE_TTL_DAYS * 24 * 3600 * 1000);
    this.writes.putInvite({ code, inviterId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
    return { code, expiresAt };
  }

  redeem(text: string, userId: string, now: Date): RedeemResult {
    const invite = this.store.getInvite(normaliseCode(text));
    if (!invite) return { ok: false, reason: 'unknown' };
    if (invite.usedBy) return { ok: false, reason: 'used' };
    if (new Date(invite.expiresAt) <= now) return { ok: false, reason: 'expired' };
    if (invite.inviterId === userId) return { ok: false, reason: 'own' };
    if (this.active(userId) || this.active(invite.inviterId)) return { ok: false, reason: 'already-paired' };
    this.writes.putInvite({ ...invite, usedBy: userId, usedAt: now.toISOString() });
    const pairing: Pairing = { id: randomUUID(), users: [invite.inviterId, userId], since: now.toISOString() };
    this.writes.putPairing(pairing);
    return { ok: true, pairing };
  }

  /** The pairing the user is part of, if any is still active. */
  active(userId: string): Pairing | undefined {
    return this.store.pairings().find((p) => !p.cancelledAt && p.users.includes(userId));
  }

  partnerOf(userId: string): string | undefined {
    return this.active(userId)?.users.find((id) => id !== userId);
  }

  cancel(userId: string, now: Date): boolean {
    const pairing = this.active(userId);
    if (!pairing) return false;
    this.writes.putPairing({ ...pairing, cancelledAt: now.toISOString(), cancelledBy: userId });
    return true;
  }
}
