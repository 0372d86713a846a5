import type { Logger } from 'pino';
import type { UserRecords } from '../../conversation/ports.js';
import type { UserStore } from '../../infra/storage/user-store.js';

/**
 * Erases the users whose last message is older than `days`, each under their own lock (a user
 * writing at that moment is not erased in the middle of a turn); resolves with how many.
 */
export async function purgeInactive(
  store: Pick<UserStore, 'inactiveSince'>,
  records: UserRecords,
  days: number,
  now: Date,
  logger: Logger,
  /** Says when to stop (the server closes): the users not reached yet wait for the next pass. */
  stopped: () => boolean = () => false,
): Promise<number> {
  if (days <= 0) return 0;
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  const inactive = await store.inactiveSince(new Date(cutoff));
  let erased = 0;
  for (const id of inactive) {
    if (stopped()) break;
    // Checked again under the lock: a message may have come since the selection.
    const done = await records.update(id, (tx) => {
      if (!tx.stored || tx.stored.updatedAt >= cutoff) return false;
      tx.erase(now);
      return true;
    });
    if (done) erased += 1;
  }
  if (erased > 0) logger.info({ erased, days }, 'retention: inactive users erased');
  return erased;
}
