import { Cron } from 'croner';
import type { JeudisSubscription } from '../user-record.js';
import { localTime } from './local-time.js';

/** When the next prompt is due: the next Thursday at the user's hour in their time zone, after any break. */
export function nextPromptAt(sub: Pick<JeudisSubscription, 'hour' | 'timeZone' | 'pausedUntil'>, now: Date): Date | undefined {
  const job = new Cron(`0 0 ${sub.hour} * * 4`, { timezone: sub.timeZone, paused: true });
  try {
    let next = job.nextRun(now);
    // At most a few weeks of break: skip the Thursdays before its end.
    for (let i = 0; next && sub.pausedUntil && localTime(next, sub.timeZone).date < sub.pausedUntil && i < 60; i++) {
      next = job.nextRun(next);
    }
    return next ?? undefined;
  } finally {
    job.stop();
  }
}
