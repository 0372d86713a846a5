import type { JeudisSubscription } from '../user-record.js';
import { addDays, localTime, THURSDAY } from './local-time.js';

/**
 * The local date the prompts resume after skipping `weeks` Thursdays: counting from the next
 * Thursday still to come (today, if it is Thursday and today's prompt has not been sent).
 */
export function pauseUntil(sub: Pick<JeudisSubscription, 'timeZone' | 'lastPrompt'>, weeks: number, now: Date): string {
  const today = localTime(now, sub.timeZone);
  let upcoming = addDays(today.date, (THURSDAY - today.weekday + 7) % 7);
  if (upcoming === sub.lastPrompt) upcoming = addDays(upcoming, 7);
  return addDays(upcoming, 7 * weeks);
}
