import { describe, expect, it } from 'vitest';
import { evaluationQuestions } from '../src/domain/method/evaluation-questions.js';
import { content } from './helpers/conversation.js';
import { TEST_NOW } from './helpers/clock.js';
import { useTestServer } from './helpers/test-server.js';
import { onboardOnWeb } from './helpers/web-client.js';

const ctx = useTestServer();

async function visitor() {
  return (await ctx.visitor()).client;
}

describe('abuse', () => {
  it('slows down a user who floods, with one polite message, while another user is answered as usual', async () => {
    const flooder = await visitor();
    const other = await visitor();
    const before = flooder.messages().length;
    for (let i = 0; i < 100; i++) flooder.send({ type: 'message', text: 'menu' });
    const otherBefore = other.messages().length;
    other.send({ type: 'message', text: 'menu' });
    await other.waitFor((m) => m.length > otherBefore && (m.at(-1)!.quick_replies?.length ?? 0) > 0);
    await flooder.waitFor((m) => m.slice(before).some((f) => /Doucement/.test(f.text ?? '')));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const flood = flooder.messages().slice(before);
    expect(flood.filter((f) => /Doucement/.test(f.text ?? ''))).toHaveLength(1);
    // 30 menus at most (the burst), each one message with its buttons.
    expect(flood.filter((f) => (f.quick_replies?.length ?? 0) > 0).length).toBeLessThanOrEqual(30);
  });

  it('answers an unknown event type as malformed and keeps the conversation', async () => {
    const client = await visitor();
    const before = client.messages().length;
    client.send({ type: 'typing_storm', payload: 'x' });
    await client.waitFor((m) => m.length > before);
    expect(client.messages().at(-1)!.text).toMatch(/pas pu lire|illisible|pas compris/i);
    const replies = await client.ask('menu');
    expect(replies.length).toBeGreaterThan(0);
  });

  it('keeps HTML and script in a user’s own words inert on the report page', async () => {
    const client = await visitor();
    await onboardOnWeb(client);
    await ctx.server.store.flush();
    const [id] = (await ctx.server.store.ids());
    const user = (await ctx.server.store.read(id!))!;
    const open = evaluationQuestions(content.evaluation).find((q) => q.open)!;
    user.method.evaluation = { answers: { [open.id]: '<script>window.x=1</script><img src=x onerror=alert(1)>' }, at: TEST_NOW.toISOString() };
    ctx.server.store.put(user);
    const replies = await client.ask('mon bilan');
    const link = replies.flatMap((f) => f.cards ?? []).map((c) => c.url ?? '').find((u) => u.includes('/bilan/'))!;
    const html = await (await fetch(link)).text();
    expect(html).toContain('&lt;script&gt;window.x=1&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<script>window.x=1');
    expect(html).not.toMatch(/<img[^>]+onerror/);
  });

  it('refuses path tricks and forged links without revealing any file', async () => {
    const paths = [
      '/bilan/..%2F..%2Fpackage.json',
      '/bilan/../../package.json',
      '/assets/../package.json',
      '/assets/%2e%2e/package.json',
      '/assets/..%2f..%2fpackage.json',
      '/teams/assets/..%2f..%2f..%2f..%2fpackage.json',
      '/mes-donnees/..%2F..%2Fdata%2Fcompagnon.json',
      '/bilan/eyJ1Ijoid2ViLXgiLCJlIjo5OTk5OTk5OTk5OTk5fQ.forged',
    ];
    for (const p of paths) {
      const res = await fetch(new URL(p, ctx.url));
      const body = await res.text();
      expect(res.status, p).not.toBe(200);
      expect(body, p).not.toContain('"name": "compagnon-odd17"');
      expect(body, p).not.toContain('"users"');
    }
  });

  it('refuses an oversized Teams request body', async () => {
    const res = await fetch(new URL('/api/messages', ctx.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(400_000) }),
    });
    expect(res.status).toBe(413);
  });
});
