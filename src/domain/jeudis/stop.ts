import type { JeudisSubscription } from '../user-record.js';

/**
 * « stop jeudis »: no more prompts, no more notifications (the browsers' push subscriptions are
 * forgotten) and the calendar feed's link stops working (it names this subscription's `since`;
 * subscribing again gives a new one).
 */
export function stopJeudis(sub: JeudisSubscription): void {
  sub.active = false;
  delete sub.push;
}
