import type { DeliveryLedger } from '../../infra/storage/delivery-journal.js';
import type { StoreBatch, UserStore } from '../../infra/storage/user-store.js';

/**
 * Everything stored about one user, as they can download it (RGPD right of access and
 * portability): their record (with the conversation's history, `user.history`), the pairing
 * invitations they created, their pairings (the partner named by the kind of organisation only),
 * their resume codes under way (dates only: the code itself is never kept), and the Thursday
 * prompts sent to them.
 */
export async function exportUserData(store: UserStore, journal: DeliveryLedger | undefined, userId: string, now: Date) {
  const user = await store.read(userId);
  if (!user) return undefined;
  const pairings = store.pairings().filter((p) => p.users.includes(userId));
  const partners = await Promise.all(pairings.map((p) => store.read(p.users.find((u) => u !== userId) ?? '')));
  return {
    exportedAt: now.toISOString(),
    about: 'Compagnon ODD 17 : toutes les données gardées à votre sujet.',
    user,
    invitations: store.invites().filter((i) => i.inviterId === userId),
    pairings: pairings.map((p, i) => ({
      since: p.since,
      cancelledAt: p.cancelledAt,
      partnerActor: partners[i]?.profile.actor ?? null,
    })),
    resumeCodes: store
      .resumeGrants()
      .filter((g) => g.userId === userId)
      .map((g) => ({ createdAt: g.createdAt, expiresAt: g.expiresAt, usedAt: g.usedAt ?? null })),
    jeudisDeliveries: journal?.entriesFor(userId) ?? [],
  };
}

/**
 * Erases a user (RGPD right to erasure), as changes of one write: their record (profile,
 * answers, method, conversation history, Teams conversation, Jeudis subscription), the
 * invitations they created or used, the pairings they were in, their resume codes. (Their Thursday deliveries are forgotten once it is saved: see
 * Records.) Report links stop working, since they point to a record that no longer exists. The
 * content-author logs hold no user id.
 */
export function addErasure(store: Pick<UserStore, 'invites' | 'pairings' | 'resumeGrants'>, batch: StoreBatch, userId: string, now: Date): void {
  for (const invite of store.invites()) if (invite.inviterId === userId || invite.usedBy === userId) batch.deleteInvite(invite.code);
  for (const pairing of store.pairings()) if (pairing.users.includes(userId)) batch.deletePairing(pairing.id);
  for (const grant of store.resumeGrants()) if (grant.userId === userId) batch.deleteResumeGrant(grant.id);
  batch.erase(userId, now);
}

/** Erases a user at once, outside any turn (one write, then the delivery journal). */
export function eraseUserData(store: UserStore, journal: Pick<DeliveryLedger, 'forget'> | undefined, userId: string, now: Date): void {
  const batch = store.batch();
  addErasure(store, batch, userId, now);
  store.commit(batch);
  journal?.forget(userId);
}
