import { describe, expect, it } from 'vitest';
import { content } from './helpers/conversation.js';
import { useTestServer } from './helpers/test-server.js';
import { fetchCookie, greet, onboardOnWeb as onboard, WebChatClient } from './helpers/web-client.js';

const ctx = useTestServer();

describe('web chat over a real websocket', () => {
  it('serves the chat page in French with its own assets and a strict content policy', async () => {
    const res = await fetch(ctx.url);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('lang="fr"');
    expect(html).toContain('/assets/chat.js');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect((await fetch(new URL('/assets/chat.js', ctx.url))).status).toBe(200);
  });

  it('takes a new user from profile through the diagnosis to at least 3 recommendations with links and reasons', async () => {
    const { client } = await ctx.visitor();
    expect(client.messages()[0]!.text).toMatch(/Compagnon ODD 17/);
    await onboard(client);
    await client.press(/Diagnostic/);
    for (let i = 0; i < content.needs.length; i++) {
      // The question's place in the diagnosis goes with its buttons (the page shows it in its header).
      expect(client.messages().at(-1)!.progress).toMatchObject({ position: i + 1, total: 7 });
      expect(client.messages().slice(-2).map((m) => m.text).join('\n')).toContain(`Besoin ${i + 1}/7`);
      await client.press(i === 6 ? /^1 ·/ : /^3 ·/);
    }
    const withCards = client.messages().find((m) => (m.cards?.length ?? 0) > 0)!;
    expect(withCards.cards!.filter((card) => /^https?:\/\//.test(card.url ?? '')).length).toBeGreaterThanOrEqual(3);
    // Each card says in one line why it was chosen; what the tool is unfolds behind it.
    for (const card of withCards.cards!) {
      expect(card.text).toMatch(/«|Vous êtes/);
      expect(card.detail?.length).toBeGreaterThan(0);
    }
  });

  it('resumes at the same need after the server restarts mid-dialog', async () => {
    const { client, cookie } = await ctx.visitor();
    await onboard(client);
    await client.ask('diagnostic');
    await client.ask('2');
    await client.ask('3');
    expect(client.messages().at(-1)!.progress?.position).toBe(3);

    await ctx.restart();

    const again = await greet(await ctx.connect(cookie), 'welcome_back');
    expect(again.messages().slice(-2).map((m) => m.text).join('\n')).toContain('Besoin 3/7');
    const next = await again.ask('4');
    expect(next.map((m) => m.text).join('\n')).toContain('Besoin 4/7');
  });

  it('refuses a websocket without a valid identity cookie, whatever user id it claims', async () => {
    const { client: victim, cookie } = await ctx.visitor();
    await onboard(victim);
    await expect(WebChatClient.connect(ctx.url)).rejects.toThrow(/401/);
    const forged = cookie.replace(/\.[^.]+$/, '.forged-signature');
    await expect(WebChatClient.connect(ctx.url, { cookie: forged })).rejects.toThrow(/401/);
  });

  it('gives a second visitor claiming the victim’s user id nothing of the victim’s conversation', async () => {
    const { client: victim } = await ctx.visitor();
    await onboard(victim);
    const [victimId] = (await ctx.server.store.ids());
    expect(victimId).toBeDefined();
    const { client: attacker } = await ctx.visitor();
    const victimCount = victim.messages().length;
    const before = attacker.messages().length;
    attacker.send({ type: 'message', text: 'mon bilan', user: victimId });
    await attacker.waitFor((m) => m.length > before && (m.at(-1)!.quick_replies?.length ?? 0) > 0);
    const seen = attacker.messages().slice(before).map((m) => m.text).join('\n');
    expect(seen).not.toContain('département 69');
    expect(victim.messages().length).toBe(victimCount);
    // The Web adapter's webhook mode would take the user id from the body: /api/messages is the
    // Teams endpoint, which takes Bot Framework activities only (and here, with no registration
    // and no development mode, none at all).
    const res = await fetch(new URL('/api/messages', ctx.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'mon bilan', user: victimId }),
    });
    expect(res.ok).toBe(false);
    expect(await res.text()).not.toContain('69');
  });

  it('answers a malformed or binary frame in French and keeps the conversation going', async () => {
    const { client } = await ctx.visitor();
    const before = client.messages().length;
    client.send('{ pas du json');
    client.ws.send(Buffer.from([0, 1, 2]), { binary: true });
    client.send({ type: 'inconnu' });
    await client.waitFor((m) => m.length >= before + 3);
    expect(client.messages().slice(before).every((m) => m.error === 'malformed' && /pas pu lire/.test(m.text!))).toBe(true);
    const replies = await client.press(/^Association/);
    expect(replies.at(-1)!.quick_replies!.length).toBeGreaterThan(0);
  });

  it('closes a socket that sends a frame over the size limit, and the visitor can reconnect', async () => {
    const { client, cookie } = await ctx.visitor();
    client.send({ type: 'message', text: 'x'.repeat(100_000) });
    await client.waitFor(() => client.closed !== undefined).catch(() => undefined);
    expect(client.closed?.code).toBe(1009);
    await greet(await ctx.connect(cookie), 'welcome_back');
  });

  it('refuses a websocket opened from a foreign origin', async () => {
    const cookie = await fetchCookie(ctx.url);
    await expect(WebChatClient.connect(ctx.url, { cookie, origin: 'https://evil.example' })).rejects.toThrow(/403/);
  });
});
