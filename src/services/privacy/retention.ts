import type { Logger } from 'pino';
import type { DeliveryJournal } from '../../infra/storage/delivery-journal.js';
import type { UserStore } from '../../infra/storage/user-store.js';
import { eraseUserData } from './user-data.js';

/** Erases the users whose last message is older than `days`; returns how many. */
export function purgeInactive(store: UserStore, journal: DeliveryJournal, days: number, now: Date, logger: Logger): number {
  if (days <= 0) return 0;
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  const inactive = store.select((u) => u.updatedAt < cutoff).map((u) => u.id);
  for (const id of inactive) eraseUserData(store, journal, id, now);
  if (inactive.length > 0) logger.info({ erased: inactive.length, days }, 'retention: inactive users erased');
  return inactive.length;
}
