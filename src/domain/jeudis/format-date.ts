import { frenchDate as frenchDateIn, frenchDateTime as frenchDateTimeIn } from '../french-date.js';

/** « jeudi 3 décembre à 9 h », « jeudi 1er avril à 9 h », in the user's time zone. */
export function frenchDateTime(instant: Date, timeZone: string): string {
  return frenchDateTimeIn(instant, timeZone);
}

/** « jeudi 3 décembre », « jeudi 1er avril » for a local date (AAAA-MM-JJ). */
export function frenchDate(date: string): string {
  return frenchDateIn(new Date(`${date}T12:00:00Z`), 'UTC', { weekday: true });
}
