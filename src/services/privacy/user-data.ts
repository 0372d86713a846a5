import type { DeliveryJournal } from '../../infra/storage/delivery-journal.js';
import type { UserStore } from '../../infra/storage/user-store.js';

/**
 * Everything stored about one user, as they can download it (RGPD right of access and
 * portability): their record, the pairing invitations they created, their pairings (the
 * partner named by the kind of organisation only), and the Thursday prompts sent to them.
 */
export function exportUserData(store: UserStore, journal: DeliveryJournal | undefined, userId: string, now: Date) {
  const user = store.get(userId);
  if (!user) return undefined;
  return {
    exportedAt: now.toISOString(),
    about: 'Compagnon ODD 17 : toutes les données gardées à votre sujet.',
    user,
    invitations: store.invites().filter((i) => i.inviterId === userId),
    pairings: store.pairings().filter((p) => p.users.includes(userId)).map((p) => ({
      since: p.since,
      cancelledAt: p.cancelledAt,
      partnerActor: store.get(p.users.find((u) => u !== userId) ?? '')?.profile.actor ?? null,
    })),
    jeudisDeliveries: journal?.entriesFor(userId) ?? [],
  };
}

/**
 * Erases a user (RGPD right to erasure): their record (profile, answers, method, Teams
 * conversation, Jeudis subscription), the invitations they created or used, the pairings they
 * were in, and their Thursday deliveries (the journal is rewritten without them). The store
 * then rewrites its snapshot at once, replaces the backup by it and drops the older log
 * generations, so that no file of the data directory holds the user (`store.flush()` resolves
 * when that is on disk). Only a hash of the id is kept, with `now`, for DEFAULT_TOMBSTONE_DAYS:
 * `store.wasErased(userId)` is then true and a record under that id is refused, so report links
 * issued before stay dead. The content-author logs hold no user id.
 */
export function eraseUserData(store: UserStore, journal: DeliveryJournal | undefined, userId: string, now: Date = new Date()): void {
  for (const invite of store.invites()) if (invite.inviterId === userId || invite.usedBy === userId) store.deleteInvite(invite.code);
  for (const pairing of store.pairings()) if (pairing.users.includes(userId)) store.deletePairing(pairing.id);
  journal?.forget(userId);
  store.erase(userId, now);
}
