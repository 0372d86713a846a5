import type { JeudisSubscription } from '../user-record.js';
import { addDays, localTime, THURSDAY } from './local-time.js';

/** The next Thursday still to come (today, if it is Thursday and today's prompt has not been sent): the first one a break skips. */
function firstSkipped(sub: Pick<JeudisSubscription, 'timeZone' | 'lastPrompt'>, now: Date): string {
  const today = localTime(now, sub.timeZone);
  const upcoming = addDays(today.date, (THURSDAY - today.weekday + 7) % 7);
  return upcoming === sub.lastPrompt ? addDays(upcoming, 7) : upcoming;
}

/**
 * The local date the prompts resume after skipping `weeks` Thursdays: counting from the next
 * Thursday still to come (today, if it is Thursday and today's prompt has not been sent).
 */
export function pauseUntil(sub: Pick<JeudisSubscription, 'timeZone' | 'lastPrompt'>, weeks: number, now: Date): string {
  return addDays(firstSkipped(sub, now), 7 * weeks);
}

/** The first Thursday of a month (`month` 1 to 12) of a year, as a local date. */
export function firstThursdayOf(year: number, month: number): string {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const weekday = new Date(`${first}T12:00:00Z`).getUTCDay() || 7;
  return addDays(first, (THURSDAY - weekday + 7) % 7);
}

/**
 * « Jusqu'à la rentrée »: the prompts resume on the first Thursday of `month` (September) that
 * comes after the next Thursday, so that the break skips at least one prompt; in September after
 * the rentrée, that is next year's.
 */
export function pauseUntilRentree(sub: Pick<JeudisSubscription, 'timeZone' | 'lastPrompt'>, month: number, now: Date): string {
  const skipped = firstSkipped(sub, now);
  const year = Number(skipped.slice(0, 4));
  const thisYear = firstThursdayOf(year, month);
  return thisYear > skipped ? thisYear : firstThursdayOf(year + 1, month);
}
