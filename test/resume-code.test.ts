import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_NOW } from './helpers/clock.js';
import { content } from './helpers/conversation.js';
import { useTestServer, type TestServer } from './helpers/test-server.js';
import { cookieUserId, fetchCookie, greet, onboardOnWeb, type BotFrame, type WebChatClient } from './helpers/web-client.js';

type Frame = BotFrame & { history?: boolean; from?: string };

/** « reprendre sur un autre appareil » on the first device: the code as shown, and the link's token. */
async function askForCode(client: WebChatClient): Promise<{ code: string; url: string; token: string }> {
  const replies = await client.ask('reprendre sur un autre appareil');
  const text = replies.map((m) => m.text).join('\n');
  const code = /\*\*([A-Z0-9]{4}-[A-Z0-9]{4})\*\*/.exec(text)?.[1];
  const url = replies.flatMap((m) => m.cards ?? []).find((c) => c.url?.includes('/reprendre/'))?.url;
  if (!code || !url) throw new Error(`no code or link in: ${text}`);
  return { code, url, token: url.split('/reprendre/')[1]! };
}

/** A first device with a conversation: the profile and two needs of the diagnosis. */
async function firstDevice(ctx: TestServer) {
  const visitor = await ctx.visitor();
  await onboardOnWeb(visitor.client);
  await visitor.client.ask('diagnostic');
  await visitor.client.ask('2');
  await visitor.client.ask('3');
  return visitor;
}

/** Presses the link's confirmation from a browser (its own cookie jar, maybe empty). */
function confirm(ctx: TestServer, url: string, cookie?: string, origin = new URL(ctx.url).origin) {
  return fetch(url, { method: 'POST', redirect: 'manual', headers: { origin, ...(cookie ? { cookie } : {}) } });
}

const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0];

/** Nothing of the secrets in the log, the data directory or the user's history. */
function expectNowhere(ctx: TestServer, secrets: string[]): void {
  const log = ctx.logs.written.join('');
  expect(log.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    expect(log).not.toContain(secret);
    expect(log).not.toContain(secret.replace('-', ''));
  }
  for (const file of readdirSync(ctx.dir).filter((f) => f.startsWith('compagnon'))) {
    const data = readFileSync(path.join(ctx.dir, file), 'utf8');
    for (const secret of secrets) expect(data, file).not.toContain(secret);
  }
}

describe('resume on another device', () => {
  const ctx = useTestServer({ logs: true });

  it('gives a code and a link; the link, confirmed in another browser, opens the same conversation there, once', async () => {
    const { client: laptop, cookie } = await firstDevice(ctx);
    const userId = cookieUserId(cookie);
    const { code, url, token } = await askForCode(laptop);
    // Then the question that was pending, asked again.
    expect(laptop.messages().at(-1)!.text).toContain('Où en est votre organisation');
    expect(url).toBe(`${ctx.url.replace(/\/$/, '')}/reprendre/${token}`);

    // Opening the link changes nothing (a link preview must not use it up): it asks.
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toMatch(/Continuer ma conversation ici/);

    // The phone has a cookie jar of its own (a first visit): the confirmation moves it.
    const phoneFirst = await fetchCookie(ctx.url);
    const used = await confirm(ctx, url, phoneFirst);
    expect(used.status).toBe(303);
    expect(used.headers.get('location')).toBe('/');
    const phoneCookie = cookieOf(used)!;
    expect(cookieUserId(phoneCookie)).toBe(userId);

    const phone = await greet(await ctx.connect(phoneCookie));
    const frames = phone.messages() as Frame[];
    expect(frames.filter((f) => f.history && f.from === 'user').map((f) => f.text)).toEqual(expect.arrayContaining(['69', 'diagnostic', '2', '3']));
    expect(frames.find((f) => !f.history)!.text).toMatch(/Vous en étiez au besoin 3 sur 7/);
    // The code and the link are not in the history: « •••• » stands for them.
    const given = frames.find((f) => f.history && f.from !== 'user' && (f.text ?? '').includes('••••'));
    expect(given?.text).toMatch(/autre appareil/);
    expect(JSON.stringify(frames)).not.toContain(code);
    expect(JSON.stringify(frames)).not.toContain(token);

    // Once only, and the old device keeps working (and was told).
    const again = await confirm(ctx, url);
    expect(again.status).toBe(410);
    expect(await again.text()).toMatch(/déjà servi/);
    expect((await fetch(url)).status).toBe(410);
    expect(laptop.messages().some((m) => /vient de servir/.test(m.text ?? ''))).toBe(true);
    await laptop.ask('4');
    expect(Object.keys((await ctx.server.store.read(userId))!.diagnosis.answers)).toHaveLength(3);

    expectNowhere(ctx, [code, token]);
  });

  it('takes the code typed in the other browser’s chat: that browser moves onto the conversation, its own is erased', async () => {
    const { client: laptop, cookie } = await firstDevice(ctx);
    const { code, token } = await askForCode(laptop);

    const phone = await ctx.visitor();
    await phone.client.ask('bonjour');
    const phoneId = cookieUserId(phone.cookie);
    expect((await ctx.server.store.read(phoneId))).toBeDefined();
    const asked = await phone.client.ask("j'ai un code de reprise");
    expect(asked.at(-1)!.text).toMatch(/Écrivez le code de reprise/);
    const wrong = await phone.client.ask('ZZZZ-ZZZZ');
    expect(wrong.map((m) => m.text).join('\n')).toMatch(/Je ne trouve pas ce code de reprise/);

    // The right one (typed loosely): the page is told to renew its session, then fetches `/`.
    phone.client.send({ type: 'message', text: code.toLowerCase().replace('-', ' ') });
    await phone.client.waitFor(() => phone.client.closed !== undefined).catch(() => undefined);
    expect(phone.client.closed?.code).toBe(4001);
    expect(phone.client.frames.some((f) => f.type === 'session')).toBe(true);
    expect(phone.client.messages().at(-1)!.text).toMatch(/je vous emmène à votre conversation/);
    const page = await fetch(ctx.url, { headers: { cookie: phone.cookie } });
    const moved = cookieOf(page)!;
    expect(cookieUserId(moved)).toBe(cookieUserId(cookie));
    // The phone's own conversation is gone, for good.
    expect((await ctx.server.store.read(phoneId))).toBeUndefined();
    expect(ctx.server.store.wasErased(phoneId)).toBe(true);
    // A second fetch moves nothing more (the handover is used once).
    expect(cookieOf(await fetch(ctx.url, { headers: { cookie: phone.cookie } }))).not.toBe(moved);

    const shown = await greet(await ctx.connect(moved));
    expect((shown.messages() as Frame[]).filter((f) => f.history && f.from === 'user').map((f) => f.text)).toContain('69');

    // The same code in a third browser: already used.
    const tablet = await ctx.visitor();
    await tablet.client.ask("j'ai un code de reprise");
    const refused = await tablet.client.ask(code);
    expect(refused.map((m) => m.text).join('\n')).toMatch(/déjà servi/);
    expect(JSON.stringify((await ctx.server.store.read(cookieUserId(tablet.cookie)))!.history)).not.toContain(code);

    expectNowhere(ctx, [code, token]);
  });

  it('refuses a code from the same conversation, a link confirmed from another site, and a forged link', async () => {
    const { client: laptop, cookie } = await firstDevice(ctx);
    const { code, url, token } = await askForCode(laptop);
    await laptop.ask("j'ai un code de reprise");
    const own = await laptop.ask(code);
    expect(own.map((m) => m.text).join('\n')).toMatch(/vient de cette conversation-ci/);

    const foreign = await confirm(ctx, url, undefined, 'https://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('set-cookie')).toBeNull();
    const forged = `${url.slice(0, -3)}abc`;
    expect((await fetch(forged)).status).toBe(404);
    expect((await confirm(ctx, forged)).status).toBe(404);
    // Opened on the device that already shows it: nothing used.
    const same = await fetch(url, { headers: { cookie } });
    expect(await same.text()).toMatch(/déjà ouverte ici/);
    expect((await confirm(ctx, url)).status).toBe(303);
    expectNowhere(ctx, [code, token]);
  });

  it('gives up after three wrong codes and goes back to the menu', async () => {
    const phone = await ctx.visitor();
    await phone.client.ask("j'ai un code de reprise");
    await phone.client.ask('AAAA-AAAA');
    await phone.client.ask('BBBB-BBBB');
    const last = await phone.client.ask('CCCC-CCCC');
    expect(last.at(-1)!.quick_replies!.map((b) => b.title)).toContain(content.ui.labels.diagnosis);
  });

  it('ends with « supprimer mes données »: the code and the link of an erased user open nothing', async () => {
    const { client: laptop } = await firstDevice(ctx);
    const { code, url } = await askForCode(laptop);
    await laptop.ask('supprimer mes données');
    laptop.send({ type: 'message', text: content.ui.labels.eraseConfirm, value: 'erase:yes' });
    await laptop.waitFor(() => laptop.closed !== undefined).catch(() => undefined);
    expect(ctx.server.store.resumeGrants()).toEqual([]);
    expect((await confirm(ctx, url)).status).toBe(404);
    const phone = await ctx.visitor();
    await phone.client.ask("j'ai un code de reprise");
    expect((await phone.client.ask(code)).map((m) => m.text).join('\n')).toMatch(/Je ne trouve pas ce code/);
  });
});

describe('a resume code expires', () => {
  let offset = 0;
  const origin = performance.now();
  const ctx = useTestServer({ logs: true, now: () => new Date(TEST_NOW.getTime() + offset + Math.floor(performance.now() - origin)) });

  it('after 15 minutes: the link and the code are refused politely', async () => {
    const { client: laptop } = await firstDevice(ctx);
    const { code, url, token } = await askForCode(laptop);
    offset += 16 * 60_000;
    const page = await fetch(url);
    expect(page.status).toBe(410);
    expect(await page.text()).toMatch(/a expiré/);
    expect((await confirm(ctx, url)).status).toBe(410);
    const phone = await ctx.visitor();
    await phone.client.ask("j'ai un code de reprise");
    expect((await phone.client.ask(code)).map((m) => m.text).join('\n')).toMatch(/a expiré/);
    expectNowhere(ctx, [code, token]);
  });
});
