import { randomInt, randomUUID } from 'node:crypto';
import type { Pairing } from '../storage/user-record.js';
import type { UserStore } from '../storage/user-store.js';

/** Letters and digits that cannot be confused when read aloud or copied (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_TTL_DAYS = 7;

export type RedeemResult =
  | { ok: true; pairing: Pairing }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' | 'own' | 'already-paired' };

/** Formats a code as the user reads it: « ABCD-2345 ». */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The code in what the user typed, whatever the case, spaces or dash. */
export function normaliseCode(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * Pairing of two users who compare their objectives: invitations (8-character codes, single use,
 * valid INVITE_TTL_DAYS days) and the pairings themselves, stored apart from both users' records.
 */
export class PairingService {
  constructor(private readonly store: UserStore) {}

  createInvite(inviterId: string, now: Date): { code: string; expiresAt: Date } {
    let code: string;
    do code = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    while (this.store.getInvite(code));
    const expiresAt = new Date(now.getTime() + INVITE_TTL_DAYS * 24 * 3600 * 1000);
    this.store.putInvite({ code, inviterId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
    return { code, expiresAt };
  }

  redeem(text: string, userId: string, now: Date): RedeemResult {
    const invite = this.store.getInvite(normaliseCode(text));
    if (!invite) return { ok: false, reason: 'unknown' };
    if (invite.usedBy) return { ok: false, reason: 'used' };
    if (new Date(invite.expiresAt) <= now) return { ok: false, reason: 'expired' };
    if (invite.inviterId === userId) return { ok: false, reason: 'own' };
    if (this.active(userId) || this.active(invite.inviterId)) return { ok: false, reason: 'already-paired' };
    this.store.putInvite({ ...invite, usedBy: userId, usedAt: now.toISOString() });
    const pairing: Pairing = { id: randomUUID(), users: [invite.inviterId, userId], since: now.toISOString() };
    this.store.putPairing(pairing);
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
    this.store.putPairing({ ...pairing, cancelledAt: now.toISOString(), cancelledBy: userId });
    return true;
  }
}
