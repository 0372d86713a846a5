import type { Agent } from 'node:https';
import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { content } from './helpers/conversation.js';
import { browserSubscription, FakePushService } from './helpers/fake-push-service.js';
import { useTestServer } from './helpers/test-server.js';
import { cookieUserId, onboardOnWeb, subscribeToJeudisOnWeb, type WebChatClient, type WebVisitor } from './helpers/web-client.js';

const { labels } = content.ui;

/** The server's clock: Monday 30 November 2026 unless a test moves it. */
let clock = new Date('2026-11-30T10:00:00Z');
beforeEach(() => {
  clock = new Date('2026-11-30T10:00:00Z');
});

// The fake push service starts before the servers; its agent is read when each server starts.
let push: FakePushService;
const webPush: { agent?: Agent; endpointAllowed: (url: URL) => boolean } = {
  // The local push service only: what the real list (the browsers' push services) would refuse.
  endpointAllowed: (url) => url.origin === push.origin,
};
beforeAll(async () => {
  push = await FakePushService.start();
  webPush.agent = push.agent;
});
afterAll(() => push.close());

const ctx = useTestServer({ now: () => clock, webPush });

async function subscribed(): Promise<WebVisitor & { said: string; calendar: string }> {
  const visitor = await ctx.visitor();
  await onboardOnWeb(visitor.client);
  const before = visitor.client.messages().length;
  await subscribeToJeudisOnWeb(visitor.client);
  const replies = visitor.client.messages().slice(before);
  const said = replies.map((m) => m.text ?? '').join('\n');
  const card = replies.flatMap((m) => (m.cards ?? []) as Array<{ title: string; url?: string; copy?: string }>).find((c) => c.title === labels.jeudisCalendar);
  return { ...visitor, said, calendar: card?.url ?? '' };
}

/** The chat page's request to the server, with its cookie and its Origin. */
function fromPage(visitor: WebVisitor, path: string, body: unknown, origin = new URL(ctx.url).origin) {
  return fetch(new URL(path, ctx.url), {
    method: 'POST',
    headers: { cookie: visitor.cookie, origin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function closed(client: WebChatClient) {
  client.close();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/** French no-break spaces read as spaces, as a person reads them. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

interface FeedEvent {
  start: Date;
  tzid: string;
  summary: string;
  description: string;
  url: string;
  uid: string;
}

/** The events of a feed, read by ical.js (Mozilla's iCalendar parser) with the feed's own VTIMEZONE. */
function readFeed(text: string): { name: string; events: FeedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      start: event.startDate.toJSDate(),
      tzid: String(vevent.getFirstProperty('dtstart')?.getParameter('tzid')),
      summary: plain(event.summary),
      description: plain(event.description),
      url: String(vevent.getFirstPropertyValue('url')),
      uid: event.uid,
    };
  });
  return { name: String(calendar.getFirstPropertyValue('x-wr-calname')), events };
}

describe('subscribing on the web says how the prompt will come', () => {
  it('in the page if it is open, else at the next visit; with a calendar link to copy and the notifications', async () => {
    const { said, client } = await subscribed();
    expect(said).toMatch(/s'affichera ici si cette page est ouverte ; sinon, il vous attendra à votre prochaine visite, sans vous prévenir/);
    expect(said).toMatch(/ajoutez vos jeudis à votre agenda/);
    expect(said).toMatch(/Activer les notifications du jeudi/);
    const card = client.messages().flatMap((m) => (m.cards ?? []) as Array<{ title: string; url?: string; copy?: string }>).find((c) => c.title === labels.jeudisCalendar)!;
    expect(card.url).toMatch(new RegExp(`^${ctx.url}agenda/[^/]+\\.ics$`));
    expect(card.copy).toBe(card.url);
  });
});

describe('the calendar feed (iCalendar)', () => {
  it('holds the next Thursdays at the user’s hour in Paris time, each with its theme and the link back to the chat', async () => {
    const { calendar } = await subscribed();
    const res = await fetch(calendar);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toMatch(/\r\nBEGIN:VTIMEZONE\r\nTZID:Europe\/Paris\r\n/);
    // DTSTAMP in UTC, as RFC 5545 requires.
    expect(text).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
    const feed = readFeed(text);
    expect(feed.name).toMatch(/Compagnon ODD 17/);
    expect(feed.events).toHaveLength(content.jeudis.calendarWeeks);
    // Thursday 3 December 2026 at 9 h in Paris (winter time) is 8:00 UTC; then every week.
    expect(feed.events[0]!.start.toISOString()).toBe('2026-12-03T08:00:00.000Z');
    expect(feed.events[1]!.start.toISOString()).toBe('2026-12-10T08:00:00.000Z');
    for (const event of feed.events) {
      expect(event.tzid).toBe('Europe/Paris');
      expect(event.url).toBe(ctx.url);
      expect(event.description).toContain(ctx.url);
      expect(event.summary).toMatch(/^Jeudi ODD 17 : /);
    }
    // The theme of the week, as the prompt of that Thursday gives it; and nothing of the user.
    expect(feed.events.map((e) => e.summary).join('\n')).toMatch(/« |[A-ZÉ][a-zé]+/);
    expect(text).not.toContain(cookieUserId((await ctx.visitor()).cookie));
    expect(new Set(feed.events.map((e) => e.uid)).size).toBe(feed.events.length);
  });

  it('follows the clock change of the last Sunday of March, and leaves out the Thursdays of a break', async () => {
    clock = new Date('2027-03-15T10:00:00Z');
    const { calendar, client } = await subscribed();
    await client.ask('je suis en congés');
    await client.press(/^2 semaines$/);
    const { events } = readFeed(await (await fetch(calendar)).text());
    // 18 and 25 March skipped; 1 April at 9 h is 7:00 UTC in summer time.
    expect(events[0]!.start.toISOString()).toBe('2027-04-01T07:00:00.000Z');
    expect(events.map((e) => e.start.toISOString().slice(0, 10))).not.toContain('2027-03-18');
  });

  it('stops for good with « stop jeudis » (410), a new subscription gets a new link; an erasure ends it too', async () => {
    const { calendar, client } = await subscribed();
    await client.ask('stop jeudis');
    expect((await fetch(calendar)).status).toBe(410);
    await subscribeToJeudisOnWeb(client);
    const again = client.messages().flatMap((m) => (m.cards ?? []) as Array<{ title: string; url?: string }>).filter((c) => c.title === labels.jeudisCalendar).at(-1)!.url!;
    expect(again).not.toBe(calendar);
    expect((await fetch(again)).status).toBe(200);
    expect((await fetch(calendar)).status).toBe(410);
    await client.ask('supprimer mes données');
    // The confirmation ends this page's identity: the socket closes once the erasure is done.
    client.send({ type: 'message', text: labels.eraseConfirm, value: 'erase:yes' });
    await client.waitFor(() => client.closed !== undefined).catch(() => undefined);
    expect((await fetch(again)).status).toBe(410);
  });

  it('opens nothing for a link that was never one (404)', async () => {
    const { calendar } = await subscribed();
    const [, token] = /agenda\/(.+)\.ics$/.exec(calendar)!;
    const [payload, signature] = token!.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), u: 'web-someone-else' })).toString('base64url');
    for (const path of [`/agenda/${forged}.${signature}.ics`, `/agenda/${token}`, '/agenda/x.ics']) {
      const res = await fetch(new URL(path, ctx.url));
      expect(res.status, path).toBe(404);
      expect(await res.text()).toMatch(/n'est plus actif/);
    }
  });
});

describe('notifications of the Thursday prompt (Web Push, against a local push service)', () => {
  it('gives the VAPID public key, kept in DATA_DIR across restarts', async () => {
    const key = (await (await fetch(new URL('/push/cle', ctx.url))).json()) as { publicKey: string };
    expect(key.publicKey).toMatch(/^[A-Za-z0-9_-]{80,}$/);
    await ctx.restart();
    expect(await (await fetch(new URL('/push/cle', ctx.url))).json()).toEqual(key);
  });

  it('serves the service worker from the root, allowed to control the whole site', async () => {
    const res = await fetch(new URL('/sw.js', ctx.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('service-worker-allowed')).toBe('/');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(await res.text()).toMatch(/showNotification/);
  });

  it('notifies the browsers of a subscriber whose page is closed, encrypted for each browser, with a TTL', async () => {
    const visitor = await subscribed();
    const browser = browserSubscription(push);
    const res = await fromPage(visitor, '/push/abonnement', browser.json);
    expect(res.status).toBe(201);
    expect(plain(((await res.json()) as { message: string }).message)).toMatch(/même page fermée/);
    await closed(visitor.client);

    const summary = await ctx.server.jeudis.tick(new Date('2026-12-03T08:00:00Z'));
    expect(summary).toMatchObject({ sent: 1 });
    const [request] = push.requestsFor(browser.json.endpoint);
    expect(request).toBeDefined();
    expect(request!.headers).toMatchObject({ 'content-encoding': 'aes128gcm', ttl: '86400', urgency: 'normal', topic: 'jeudis-2026-12-03' });
    expect(request!.headers.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
    // What the browser reads once it has decrypted it: the theme, no personal detail, the chat.
    const payload = JSON.parse(browser.decrypt(request!.body)) as { title: string; body: string; url: string; tag: string };
    expect(payload).toMatchObject({ url: '/', tag: 'jeudis-2026-12-03' });
    expect(payload.title).toMatch(/jeudi/);
    expect(payload.body).toMatch(/vous attend dans le Compagnon ODD 17/);
    // The prompt is in the inbox all the same, for the next visit.
    expect((await ctx.server.store.read(cookieUserId(visitor.cookie)))?.inbox.map((m) => m.key)).toEqual(['jeudis:2026-12-03']);
  });

  it('sends nothing while the page is open: the prompt is shown there', async () => {
    const visitor = await subscribed();
    const browser = browserSubscription(push);
    expect((await fromPage(visitor, '/push/abonnement', browser.json)).status).toBe(201);
    await ctx.server.jeudis.tick(new Date('2026-12-03T08:00:00Z'));
    expect(push.requestsFor(browser.json.endpoint)).toEqual([]);
  });

  it('forgets a browser the push service no longer knows (410), and keeps the others', async () => {
    const visitor = await subscribed();
    const [gone, kept] = [browserSubscription(push), browserSubscription(push)];
    for (const b of [gone, kept]) expect((await fromPage(visitor, '/push/abonnement', b.json)).status).toBe(201);
    push.answer(gone.json.endpoint, 410);
    await closed(visitor.client);
    expect(await ctx.server.jeudis.tick(new Date('2026-12-03T08:00:00Z'))).toMatchObject({ sent: 1 });
    expect(push.requestsFor(gone.json.endpoint)).toHaveLength(1);
    await ctx.server.store.flush();
    expect((await ctx.server.store.read(cookieUserId(visitor.cookie)))?.jeudis?.push?.map((p) => p.endpoint)).toEqual([kept.json.endpoint]);
  });

  it('keeps a few browsers per user, the newest; « stop jeudis » forgets them all', async () => {
    const visitor = await subscribed();
    const browsers = Array.from({ length: 5 }, () => browserSubscription(push));
    for (const b of browsers) expect((await fromPage(visitor, '/push/abonnement', b.json)).status).toBe(201);
    const userId = cookieUserId(visitor.cookie);
    expect((await ctx.server.store.read(userId))?.jeudis?.push?.map((p) => p.endpoint)).toEqual(browsers.slice(-3).map((b) => b.json.endpoint));
    await visitor.client.ask('stop jeudis');
    expect((await ctx.server.store.read(userId))?.jeudis?.push).toBeUndefined();
  });

  it('refuses a browser of someone not subscribed (409, in French), of another site, or aimed elsewhere than a push service', async () => {
    const visitor = await ctx.visitor();
    await onboardOnWeb(visitor.client);
    const browser = browserSubscription(push);
    const notSubscribed = await fromPage(visitor, '/push/abonnement', browser.json);
    expect(notSubscribed.status).toBe(409);
    expect(plain(((await notSubscribed.json()) as { message: string }).message)).toMatch(/inscrivez-vous d'abord en écrivant « jeudis »/);
    await subscribeToJeudisOnWeb(visitor.client);
    expect((await fromPage(visitor, '/push/abonnement', browser.json, 'https://evil.example')).status).toBe(403);
    expect((await fromPage(visitor, '/push/abonnement', { ...browser.json, endpoint: 'https://intranet.example/api' })).status).toBe(400);
    expect((await fromPage(visitor, '/push/abonnement', { endpoint: browser.json.endpoint })).status).toBe(400);
    const anonymous = await fetch(new URL('/push/abonnement', ctx.url), {
      method: 'POST',
      headers: { origin: new URL(ctx.url).origin, 'content-type': 'application/json' },
      body: JSON.stringify(browser.json),
    });
    expect(anonymous.status).toBe(401);
    expect((await ctx.server.store.read(cookieUserId(visitor.cookie)))?.jeudis?.push).toBeUndefined();
  });
});

describe('breaks', () => {
  it('offers up to 12 weeks and « jusqu’à la rentrée » (the first Thursday of September)', async () => {
    clock = new Date('2027-06-28T10:00:00Z');
    const { client } = await subscribed();
    await client.ask('je suis en congés');
    const offered = client.messages().at(-1)!.quick_replies!.map((q) => q.title);
    expect(offered).toEqual([...content.jeudis.pauseWeeks.map((w) => `${w} semaine${w > 1 ? 's' : ''}`), 'Jusqu’à la rentrée (jeudi 2 septembre)'.replace('’', "'")]);
    await client.press(/rentrée/);
    expect(client.messages().at(-1)!.text).toBeDefined();
    const said = client.messages().slice(-2).map((m) => m.text).join('\n');
    expect(said).toMatch(/pas de message jusqu'à la rentrée\. Prochain rendez-vous : jeudi 2 septembre à 9 h/);
  });

  it('reads « jusqu’à la rentrée » and « 12 » typed, and refuses 13 weeks', async () => {
    const { client } = await subscribed();
    await client.ask('je suis en congés');
    await client.ask('13');
    expect(client.messages().slice(-2).map((m) => m.text).join('\n')).toMatch(/jusqu'à 12/);
    await client.ask('12');
    expect(client.messages().slice(-2).map((m) => m.text).join('\n')).toMatch(/pendant 12 semaines\. Prochain rendez-vous : jeudi 25 février/);
    await client.ask('je suis en congés');
    await client.ask("jusqu'à la rentrée");
    expect(client.messages().slice(-2).map((m) => m.text).join('\n')).toMatch(/jusqu'à la rentrée\. Prochain rendez-vous : jeudi 2 septembre/);
  });
});
