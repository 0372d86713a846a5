import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { testClock } from './helpers/clock.js';
import { rawRequest, statusOf, upgradeRequest } from './helpers/raw-http.js';
import { useTestServer } from './helpers/test-server.js';
import { fetchCookie, WebChatClient } from './helpers/web-client.js';

/** The Teams endpoint as in production without a registration (disabled), and the server's JSON log kept. */
const ctx = useTestServer({ lazy: true, logs: true, env: { TEAMS_DEV_MODE: 'false' } });
/** How far the server's clock is moved on (to age cookies and links). */
let shift = 0;
beforeEach(() => {
  shift = 0;
});

/** The real server, on a clock at TEST_NOW plus what really passed, plus `shift`. */
async function start(env: Record<string, string> = {}) {
  const clock = testClock();
  return ctx.start({ env, now: () => new Date(clock().getTime() + shift) });
}

const logsMatching = (pattern: RegExp) => ctx.logs.written.filter((l) => pattern.test(l));

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);
}

/** A question another user asks while something else goes on: it must still be answered. */
async function stillAnswers(): Promise<void> {
  const { client } = await ctx.visitor();
  const replies = await client.ask("c'est quoi un PTCE ?");
  expect(replies.map((r) => r.text).join('\n')).toMatch(/PTCE[\s\S]*coopération économique/i);
}

describe('websocket upgrades a stranger can send', () => {
  it('refuses Origin: null, an unreadable Origin and a target that is not a path, and keeps serving', async () => {
    const s = await start();
    const cookie = await fetchCookie(s.url);
    const cases: Array<[string, string, number]> = [
      ['Origin: null (a sandboxed frame)', upgradeRequest(s.url, '/ws', { Origin: 'null', Cookie: cookie }), 403],
      ['unparsable Origin', upgradeRequest(s.url, '/ws', { Origin: 'http://[', Cookie: cookie }), 403],
      ['absolute-form target', upgradeRequest(s.url, 'http://[', { Cookie: cookie }), 400],
      ['another absolute target', upgradeRequest(s.url, 'http://evil.example/ws', { Cookie: cookie }), 400],
      ['a foreign page', upgradeRequest(s.url, '/ws', { Origin: 'https://evil.example', Cookie: cookie }), 403],
    ];
    for (const [name, request, status] of cases) expect(statusOf(await rawRequest(s.url, request)), name).toBe(status);
    // An ordinary request whose target cannot be parsed gets a generic 400 page, not a stack.
    const plain = await rawRequest(s.url, `GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(statusOf(plain)).toBeGreaterThanOrEqual(400);
    await stillAnswers();
  });
});

describe('one client flooding', () => {
  it('is slowed before its frames are parsed: one polite message, one log line, its socket closed, others answered', async () => {
    const s = await start();
    const { client: flooder } = await ctx.visitor();
    const before = flooder.messages().length;
    const walBefore = dirBytes(ctx.dir);
    for (let i = 0; i < 3000; i++) {
      const kind = i % 3;
      if (kind === 0) flooder.send({ type: 'message', text: `menu ${i}` });
      else if (kind === 1) flooder.send({ type: 'hello' });
      else flooder.send(`not json secret-${i}`);
    }
    await flooder.waitFor(() => flooder.closed !== undefined, 10_000).catch(() => undefined);
    expect(flooder.closed?.code).toBe(1008);
    const seen = flooder.messages().slice(before);
    expect(seen.filter((m) => m.error === 'flood')).toHaveLength(1);
    // The burst (30 frames) was taken, nothing more.
    expect(seen.filter((m) => m.error !== 'flood').length).toBeLessThanOrEqual(60);
    await stillAnswers();
    expect(logsMatching(/websocket flood/)).toHaveLength(1);
    expect(logsMatching(/malformed websocket frame/).length).toBeLessThanOrEqual(1);
    // No log line holds what the stranger typed.
    expect(ctx.logs.written.join('\n')).not.toMatch(/secret-\d/);
    await s.store.flush();
    expect(dirBytes(ctx.dir) - walBefore).toBeLessThan(1_000_000);
  });

  it('counts pings like frames: a ping flood closes the socket too', async () => {
    await start();
    const { client } = await ctx.visitor();
    for (let i = 0; i < 500; i++) client.ws.ping();
    await client.waitFor(() => client.closed !== undefined, 10_000).catch(() => undefined);
    // The server closes it (1008); the client, still sending pings, may only see the TCP close (1006).
    expect(client.closed).toBeDefined();
    expect(logsMatching(/websocket closed: it keeps flooding/)).toHaveLength(1);
    await stillAnswers();
  });

  it('counts every identity behind one address together', async () => {
    await start({ ADDRESS_FRAMES_PER_SECOND: '2', FLOOD_BURST: '1000', FLOOD_PER_SECOND: '100' });
    const a = await ctx.visitor();
    const b = await ctx.visitor();
    for (let i = 0; i < 40; i++) {
      a.client.send({ type: 'message', text: 'aide' });
      b.client.send({ type: 'message', text: 'aide' });
    }
    await a.client.waitFor((m) => m.some((f) => f.error === 'flood'));
    await b.client.waitFor((m) => m.some((f) => f.error === 'flood'));
  });
});

describe('new identities and stored users', () => {
  it('stores nobody for opening the page, and the first real message continues the welcome as shown', async () => {
    const s = await start();
    const { client } = await ctx.visitor();
    client.send({ type: 'hello' });
    client.send({ type: 'welcome_back' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await s.store.ids())).toHaveLength(0);
    const replies = await client.press(/^Association/);
    expect(replies.at(-1)!.text).toMatch(/salari|bénévole/i);
    expect((await s.store.ids())).toHaveLength(1);
    expect((await s.store.read((await s.store.ids())[0]!))!.dialogStack.at(-1)).toMatchObject({ dialog: 'profile', step: 'dimension' });
  });

  it('gives one address a limited number of new identities, and known visitors are not affected', async () => {
    const s = await start({ NEW_VISITORS_BURST: '3', NEW_VISITORS_PER_MINUTE: '1' });
    const cookies = [];
    for (let i = 0; i < 3; i++) cookies.push(await fetchCookie(s.url));
    const refused = await fetch(s.url);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect(await refused.text()).toMatch(/réessayez dans une minute/i);
    const known = await fetch(s.url, { headers: { cookie: cookies[0]! } });
    expect(known.status).toBe(200);
  });

  it('caps sockets per identity (the newest tab wins), per address and in all', async () => {
    const s = await start({ MAX_SOCKETS_PER_USER: '2', MAX_SOCKETS_PER_ADDRESS: '3', MAX_SOCKETS: '10' });
    const cookie = await fetchCookie(s.url);
    const first = await ctx.connect(cookie);
    await ctx.connect(cookie);
    const third = await ctx.connect(cookie);
    await first.waitFor(() => first.closed !== undefined);
    expect(first.closed?.code).toBe(4002);
    expect(first.messages().at(-1)?.error).toBe('replaced');
    expect(third.closed).toBeUndefined();
    // A third socket from the same address under another identity is the address's last.
    await ctx.connect(await fetchCookie(s.url));
    await expect(WebChatClient.connect(s.url, { cookie: await fetchCookie(s.url) })).rejects.toThrow(/503/);
  });
});

describe('signatures and cookies', () => {
  it('never accepts a report or export link as an identity cookie, nor a cookie as a link', async () => {
    const s = await start();
    const { client, cookie } = await ctx.visitor();
    await client.press(/^Association/);
    const report = (await client.ask('mon bilan')).flatMap((f) => f.cards ?? []).map((c) => c.url ?? '').find((u) => u.includes('/bilan/'))!;
    const data = (await client.ask('mes données')).flatMap((f) => f.cards ?? []).map((c) => c.url ?? '').find((u) => u.includes('/mes-donnees/'))!;
    const userId = (await s.store.ids())[0]!;
    for (const [purpose, token] of [['report', report.split('/bilan/')[1]!], ['export', data.split('/mes-donnees/')[1]!]] as const) {
      await expect(WebChatClient.connect(s.url, { cookie: `odd17_id=${token}` })).rejects.toThrow(/401/);
      // With one key for everything, « purpose:payload » signed for a link was a valid cookie.
      await expect(WebChatClient.connect(s.url, { cookie: `odd17_id=${encodeURIComponent(`${purpose}:${token}`)}` })).rejects.toThrow(/401/);
      await expect(WebChatClient.connect(s.url, { cookie: `odd17_id=${userId}.${token.split('.').at(-1)}` })).rejects.toThrow(/401/);
    }
    const cookieValue = decodeURIComponent(cookie.split('=')[1]!);
    expect((await fetch(new URL(`/bilan/${cookieValue}`, s.url))).status).toBe(404);
    expect((await fetch(new URL(`/mes-donnees/${cookieValue}`, s.url))).status).toBe(404);
  });

  it('marks the cookie Secure behind an https PUBLIC_URL, and gives it a rolling expiry', async () => {
    const s = await start({ PUBLIC_URL: 'https://compagnon.example.org' });
    const first = await fetch(s.url);
    const setCookie = first.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/Max-Age=34128000/);
    const cookie = setCookie.split(';')[0]!;
    // The same day: nothing to renew.
    expect((await fetch(s.url, { headers: { cookie } })).headers.get('set-cookie')).toBeNull();
    // Ten days later, the visit renews it for the same identity.
    shift = 10 * 86_400_000;
    const renewed = (await fetch(s.url, { headers: { cookie } })).headers.get('set-cookie')!;
    const id = (c: string) => decodeURIComponent(c.split(';')[0]!.split('=')[1]!).split('.')[1];
    expect(id(renewed)).toBe(id(cookie));
    expect(renewed.split(';')[0]).not.toBe(cookie);
  });

  it('refuses a cookie not renewed for longer than COOKIE_DAYS: the page gets a new identity', async () => {
    const s = await start({ COOKIE_DAYS: '30' });
    const { client, cookie } = await ctx.visitor();
    await client.press(/^Association/);
    client.close();
    shift = 31 * 86_400_000;
    const stale = await ctx.connect(cookie);
    await stale.waitFor(() => stale.closed !== undefined);
    expect(stale.frames.some((f) => f.type === 'session')).toBe(true);
    expect(stale.closed?.code).toBe(4001);
    const page = await fetch(s.url, { headers: { cookie } });
    const fresh = page.headers.get('set-cookie')!.split(';')[0]!;
    expect(fresh).not.toBe(cookie);
    const again = await ctx.visitor(fresh);
    expect(again.client.messages()[0]!.text).toMatch(/Compagnon ODD 17/);
  });
});

describe('after « supprimer mes données » on the web', () => {
  it('ends the identity: the page is told to get a new one, the old cookie and links open nothing', async () => {
    const s = await start();
    const { client, cookie } = await ctx.visitor();
    await client.press(/^Association/);
    const report = (await client.ask('mon bilan')).flatMap((f) => f.cards ?? []).map((c) => c.url ?? '').find((u) => u.includes('/bilan/'))!;
    const erasedId = (await s.store.ids())[0]!;
    await client.ask('supprimer mes données');
    client.send({ type: 'message', text: 'Oui, tout effacer', value: 'erase:yes' });
    await client.waitFor(() => client.closed !== undefined);
    expect(client.messages().at(-1)!.text).toMatch(/effacé/i);
    expect(client.frames.at(-1)).toEqual({ type: 'session', action: 'renew' });
    expect(client.closed?.code).toBe(4001);
    expect((await s.store.ids())).toHaveLength(0);
    // The old cookie: a websocket is told to renew, the page gives a new identity.
    const stale = await ctx.connect(cookie);
    await stale.waitFor(() => stale.closed !== undefined);
    expect(stale.closed?.code).toBe(4001);
    const fresh = (await fetch(s.url, { headers: { cookie } })).headers.get('set-cookie')!.split(';')[0]!;
    expect(fresh).not.toContain(erasedId);
    const again = await ctx.visitor(fresh);
    await again.client.press(/^Association/);
    expect((await s.store.ids())).toHaveLength(1);
    expect((await s.store.ids())[0]).not.toBe(erasedId);
    expect((await fetch(report)).status).toBe(404);
  });
});

describe('what strangers can read', () => {
  it('shows generic French error pages: no stack, no path, no file name', async () => {
    const s = await start();
    for (const p of ['/bilan/%E0%A4%A', '/mes-donnees/%E0%A4%A', '/assets/%E0%A4%A', '/nulle-part/<script>', '/assets/absent.js']) {
      const res = await fetch(new URL(p, s.url));
      const body = await res.text();
      expect(res.status, p).toBeGreaterThanOrEqual(400);
      expect(res.status, p).toBeLessThan(500);
      expect(body, p).toMatch(/lang="fr"/);
      expect(body, p).not.toMatch(/at |node_modules|\/work\/|Error:|<script>|nulle-part|absent\.js/);
    }
    const badJson = await fetch(new URL('/api/messages', s.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    expect(await badJson.text()).not.toMatch(/at |node_modules|SyntaxError/);
  });

  it('says on /readyz whether it is ready, not how many users it has', async () => {
    const s = await start();
    await ctx.visitor().then(({ client }) => client.press(/^Association/));
    const body = (await (await fetch(new URL('/readyz', s.url))).json()) as Record<string, unknown>;
    expect(body).toEqual({ status: 'ready' });
  });
});
