import { describe, expect, it } from 'vitest';
import { PairingService } from '../src/services/pairing-service.js';
import { normaliseCode } from '../src/domain/pairing.js';
import { UserStore } from '../src/infra/storage/user-store.js';
import { tempDir } from './helpers/temp-dir.js';
import { testClock } from './helpers/clock.js';
import { useTestServer } from './helpers/test-server.js';
import { onboardOnWeb } from './helpers/web-client.js';
import { content } from './helpers/content.js';
import { codeIn } from '../src/domain/diagnosis/match-answer.js';

describe('pairing invitations', () => {
  it('are single use, expire after 7 days, and cannot be used by their own author', async () => {
    const tmp = tempDir();
    try {
      const pairing = new PairingService(await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 5 }));
      const monday = new Date('2026-11-23T09:00:00Z');
      const { code } = pairing.createInvite('alice', monday);
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
      expect(pairing.redeem(code, 'alice', monday)).toEqual({ ok: false, reason: 'own' });
      const later = new Date('2026-12-01T09:00:00Z');
      expect(pairing.redeem(code, 'bob', later)).toEqual({ ok: false, reason: 'expired' });
      const { code: fresh } = pairing.createInvite('alice', monday);
      const typed = `${fresh.slice(0, 4).toLowerCase()} - ${fresh.slice(4)}`;
      expect(normaliseCode(typed)).toBe(fresh);
      expect(pairing.redeem(typed, 'bob', monday)).toMatchObject({ ok: true });
      expect(pairing.redeem(fresh, 'carol', monday)).toEqual({ ok: false, reason: 'used' });
      expect(pairing.partnerOf('alice')).toBe('bob');
      expect(pairing.cancel('bob', monday)).toBe(true);
      expect(pairing.partnerOf('alice')).toBeUndefined();
      expect(pairing.redeem('ZZZZ-ZZZZ', 'bob', monday)).toEqual({ ok: false, reason: 'unknown' });
    } finally {
      tmp.cleanup();
    }
  });
});

describe('an invitation as the inviter sends it', () => {
  const ctx = useTestServer();
  const { labels } = content.ui;

  async function invite() {
    const alice = await ctx.visitor();
    await onboardOnWeb(alice.client);
    await alice.client.ask('jumelage');
    const replies = await alice.client.press(labels.pairingInvite);
    const card = replies.flatMap((m) => (m.cards ?? []) as Array<{ title: string; url?: string; copy?: string; text?: string }>).find((c) => c.title === labels.pairingInvitation)!;
    return { alice, card, said: replies.map((m) => m.text ?? '').join('\n') };
  }

  it('holds a link that opens the chat on the code, and the whole invitation to copy', async () => {
    const { card, said } = await invite();
    const code = /\*\*([A-Z0-9]{4}-[A-Z0-9]{4})\*\*/.exec(said)![1]!;
    expect(card.url).toBe(`${ctx.url}?code=${code}`);
    expect(card.copy).toContain(card.url);
    expect(card.copy).toContain(code);
    expect(said).toMatch(/lien ci-dessous/);
    // The page of the link sends « j'ai un code » and the code once connected.
    const page = await (await fetch(card.url!)).text();
    expect(page).toContain(`data-start-command="j&#39;ai un code ${code}"`);
    // Anything else in `code` is not sent.
    expect(await (await fetch(new URL('/?code=<script>', ctx.url))).text()).not.toContain('data-start-command');
  });

  it('is joined by the partner with what the link sends, and « j’ai un code » alone asks for the code', async () => {
    const { card } = await invite();
    const code = new URL(card.url!).searchParams.get('code')!;
    const bob = await ctx.visitor();
    await onboardOnWeb(bob.client);
    const asked = await bob.client.ask("j'ai un code");
    expect(asked.map((m) => m.text).join('\n')).toMatch(/Saisissez le code/);
    await bob.client.ask('menu');
    const joined = await bob.client.ask(`j'ai un code ${code}`);
    expect(joined.map((m) => m.text).join('\n')).toMatch(/vous êtes jumelé·e avec votre partenaire/);
    // « j'ai un code de reprise » stays the resume code's words, not a pairing code.
    expect(codeIn({ text: "j'ai un code de reprise" }, content.ui.commands.pairingJoin)).toBeUndefined();
    expect(codeIn({ text: `J'ai un code ${code.toLowerCase().replace('-', ' ')}` }, content.ui.commands.pairingJoin)).toBe(code.replace('-', ''));
  });
});
