import { createHash } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical from 'ical-generator';
import type { Content } from '../../content/content.js';
import { describeTheme } from '../../domain/jeudis/compose-prompt.js';
import { upcomingThursdays } from '../../domain/jeudis/upcoming-thursdays.js';
import type { RenderTemplate } from '../../domain/render-template.js';
import type { UserRecord } from '../../domain/user-record.js';

/** How often a calendar should read the feed again (X-PUBLISHED-TTL, REFRESH-INTERVAL): a new hour or a break shows within hours. */
const REFRESH_SECONDS = 6 * 3600;

/**
 * The user's Thursday prompts as an iCalendar feed (RFC 5545) that Outlook, Google Agenda and
 * Apple Calendrier subscribe to: one event per coming Thursday at their hour, in their time zone
 * (with its VTIMEZONE, so that the March and October clock changes fall right), breaks left out,
 * each with the theme of the week and the link back to the chat. Nothing of their diagnosis or
 * profile is in it: a calendar is often shared.
 *
 * Written with `ical-generator` (escaping, line folding, UIDs), dates as `@date-fns/tz` TZDates
 * (a plain Date would be read in the machine's time zone), the time zone's definition from
 * `@touch4it/ical-timezones`. The calendar itself is given no time zone: ical-generator would then
 * write DTSTAMP in local time, which RFC 5545 forbids (it must be UTC); the VTIMEZONE is added here.
 */
export function jeudisCalendar(content: Content, render: RenderTemplate, user: UserRecord, now: Date, chatUrl: string): string {
  const sub = user.jeudis;
  const timeZone = sub?.timeZone ?? content.jeudis.timeZone;
  const calendar = ical({
    name: render('jeudis/calendar-name'),
    description: render('jeudis/calendar-description'),
    prodId: { company: 'Compagnon ODD 17', product: 'Rendez-vous du jeudi', language: 'FR' },
    ttl: REFRESH_SECONDS,
    x: [['X-WR-TIMEZONE', timeZone]],
  });
  // Stable per user and Thursday (a refresh updates the event rather than adding one), and the
  // user's id is not in it.
  const owner = createHash('sha256').update(user.id).digest('hex').slice(0, 16);
  const dates = sub ? upcomingThursdays(sub, now, content.jeudis.calendarWeeks) : [];
  for (const date of dates) {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const start = new TZDate(year, month - 1, day, sub!.hour, 0, 0, timeZone);
    const end = new TZDate(start.getTime() + content.jeudis.calendarMinutes * 60_000, timeZone);
    const theme = describeTheme(content, render, date);
    const vars = { theme: theme.title, kind: theme.kind, url: chatUrl };
    calendar.createEvent({
      id: `jeudi-${date}-${owner}@compagnon-odd17`,
      start,
      end,
      timezone: timeZone,
      stamp: now,
      summary: render('jeudis/calendar-event-title', vars),
      description: render('jeudis/calendar-event', vars),
      url: chatUrl,
    });
  }
  const text = calendar.toString();
  if (dates.length === 0) return text;
  // The definition of every TZID used, before the first event (RFC 5545 § 3.6.5).
  const vtimezone = getVtimezoneComponent(timeZone);
  if (!vtimezone) return text;
  const at = text.indexOf('BEGIN:VEVENT');
  return `${text.slice(0, at)}${vtimezone.trim().split(/\r?\n/).join('\r\n')}\r\n${text.slice(at)}`;
}
