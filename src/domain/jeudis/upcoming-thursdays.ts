import type { JeudisSubscription } from '../user-record.js';
import { addDays, localTime, THURSDAY } from './local-time.js';

/**
 * The local dates of the next `count` Thursdays with a prompt (today's included, if today is a
 * Thursday), those of a break left out: the dates the calendar feed shows.
 */
export function upcomingThursdays(sub: Pick<JeudisSubscription, 'timeZone' | 'pausedUntil'>, now: Date, count: number): string[] {
  const today = localTime(now, sub.timeZone);
  const first = addDays(today.date, (THURSDAY - today.weekday + 7) % 7);
  const out: string[] = [];
  for (let date = first; out.length < count; date = addDays(date, 7)) {
    if (!sub.pausedUntil || date >= sub.pausedUntil) out.push(date);
  }
  return out;
}
