import type { DueSubscription } from '../user-record.js';
import { localTime, THURSDAY } from './local-time.js';

/**
 * Whether a subscriber is due a prompt at `now`: it is Thursday where they live, their hour has
 * come, they are not on a break, and they have not had this Thursday's prompt. A server that was
 * down at their hour catches up later the same Thursday, never on another day.
 */
export function dueThursday(sub: DueSubscription, now: Date, options: { anyHour?: boolean } = {}): string | undefined {
  if (!sub.active || sub.deactivated) return undefined;
  const local = localTime(now, sub.timeZone);
  if (local.weekday !== THURSDAY || (!options.anyHour && local.hour < sub.hour)) return undefined;
  if (sub.pausedUntil && local.date < sub.pausedUntil) return undefined;
  if (sub.lastPrompt === local.date) return undefined;
  return local.date;
}
