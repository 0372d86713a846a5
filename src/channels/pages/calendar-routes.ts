import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Content } from '../../content/content.js';
import type { Clock } from '../../domain/clock.js';
import type { RenderTemplate } from '../../domain/render-template.js';
import type { UserStore } from '../../infra/storage/user-store.js';
import type { JeudisSubscription, UserRecord } from '../../domain/user-record.js';
import { jeudisCalendar } from '../../services/jeudis/calendar-feed.js';
import type { FeedLinks } from '../../services/signed-links.js';
import { pageHeaders } from './page-response.js';

/** Where a user's calendar feed is served: `/agenda/<signed token>.ics`. */
export const CALENDAR_PATH = '/agenda';

export interface CalendarRoutesOptions {
  content: Content;
  render: RenderTemplate;
  store: Pick<UserStore, 'read' | 'wasErased'>;
  links: FeedLinks;
  /** The chat's address, which each event links back to (PUBLIC_URL, known once the port is bound). */
  chatUrl: () => string;
  logger: Logger;
  now: Clock;
}

/**
 * GET /agenda/<token>.ics: the calendar feed of the Thursday prompts, for a valid link of a
 * subscription still active (404 for a link that was never one; 410 Gone once « stop jeudis », a
 * new subscription or an erasure ended it, so that calendars stop asking).
 */
export function mountCalendarRoutes(app: Express, options: CalendarRoutesOptions): void {
  const { content, render, store, links, logger, now } = options;
  app.get(`${CALENDAR_PATH}/:file`, async (req, res, next) => {
    // A calendar file, not a page: the same headers all the same (personal, never cached).
    res.set(pageHeaders({ personal: true }));
    const file = req.params.file;
    const check = file.endsWith('.ics') ? links.check(file.slice(0, -'.ics'.length)) : { ok: false as const };
    if (!check.ok) {
      res.status(404).type('text/plain; charset=utf-8').send(render('jeudis/calendar-gone'));
      return;
    }
    let user;
    try {
      user = await store.read(check.userId);
    } catch (err) {
      return next(err);
    }
    const sub = user?.jeudis;
    if (!user || store.wasErased(check.userId) || !sub?.active || sub.deactivated || feedVersion(sub) !== check.version) {
      logger.info({ reason: user ? 'subscription ended' : 'no such user' }, 'calendar feed link refused');
      res.status(410).type('text/plain; charset=utf-8').send(render('jeudis/calendar-gone'));
      return;
    }
    res
      .type('text/calendar; charset=utf-8')
      .set('Content-Disposition', 'inline; filename="compagnon-odd17-jeudis.ics"')
      .send(jeudisCalendar(content, render, user, now(), options.chatUrl()));
  });
}

/** What a feed link names of the subscription: another subscription (after « stop jeudis ») has another. */
function feedVersion(sub: Pick<JeudisSubscription, 'since' | 'round'>): string {
  return `${sub.since}/${sub.round ?? 0}`;
}

/** The address of a user's calendar feed while their subscription is active (else undefined). */
export function calendarFeedUrl(links: FeedLinks, base: string, user: Pick<UserRecord, 'id' | 'jeudis'>): string | undefined {
  const sub = user.jeudis;
  if (!sub?.active || sub.deactivated) return undefined;
  return `${base.replace(/\/$/, '')}${CALENDAR_PATH}/${links.issue(user.id, feedVersion(sub))}.ics`;
}
