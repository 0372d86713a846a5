import { describe, expect, it } from 'vitest';
import type { ExtraDialog } from '../src/conversation/dialog-types.js';
import { jsonBytes, MAX_HISTORY_BYTES, MAX_HISTORY_EXCHANGES } from '../src/domain/conversation-history.js';
import { content } from './helpers/conversation.js';
import { useConversations } from './helpers/conversation-table.js';
import { useTestServer } from './helpers/test-server.js';
import { cookieUserId, greet, onboardOnWeb, type BotFrame, type WebChatClient } from './helpers/web-client.js';

/** A frame of the web chat with the history's marks. */
type Frame = BotFrame & { history?: boolean; from?: string };

const ctx = useTestServer();

/** Opens the page again with the same cookie (a reload, the next day): `hello`, then the whole answer. */
async function reload(cookie: string): Promise<{ client: WebChatClient; history: Frame[]; live: Frame[] }> {
  const client = await greet(await ctx.connect(cookie));
  const frames = client.messages() as Frame[];
  const firstLive = frames.findIndex((f) => !f.history);
  return { client, history: frames.slice(0, firstLive), live: frames.slice(firstLive) };
}

describe('the conversation shown again when the page is loaded again', () => {
  it('replays the history first (what the user said, what the bot answered), then says where the user was', async () => {
    const { client, cookie } = await ctx.visitor();
    await onboardOnWeb(client);
    await client.ask('diagnostic');
    await client.ask('2');
    await client.ask('3');
    const shown = client.messages().map((m) => m.text);
    client.close();

    const { client: again, history, live } = await reload(cookie);
    // Every frame of the history comes before the return message, and none offers a button.
    expect(history.length).toBeGreaterThan(10);
    expect(live.some((f) => f.history)).toBe(false);
    expect(history.every((f) => (f.quick_replies?.length ?? 0) === 0)).toBe(true);
    // The bot's messages as they were shown, in order, the user's words between them.
    expect(history.filter((f) => f.from !== 'user').map((f) => f.text)).toEqual(shown);
    expect(history.filter((f) => f.from === 'user').map((f) => f.text)).toEqual([
      expect.stringMatching(/^Association/),
      expect.stringMatching(/employeuse/i),
      '1',
      '69',
      'diagnostic',
      '2',
      '3',
    ]);
    expect(history[0]!.text).toMatch(/Compagnon ODD 17/);
    // Then where the user was and the pending question, with its buttons.
    expect(live[0]!.text).toMatch(/Bon retour ! Vous en étiez au besoin 3 sur 7 du diagnostic/);
    expect(live.at(-1)!.text).toContain('Où en est votre organisation');
    expect(live.at(-1)!.quick_replies!.length).toBeGreaterThan(0);
    await again.ask('4');
    expect((await ctx.server.store.read(cookieUserId(cookie)))!.diagnosis.answers).toHaveProperty(content.needs[2]!.id);
  });

  it('after « mon bilan », comes back with where the user stands and « Continuer » first, not « Refaire le diagnostic »', async () => {
    const { client, cookie } = await ctx.visitor();
    await onboardOnWeb(client);
    await client.ask('diagnostic');
    for (let i = 0; i < content.needs.length; i++) await client.ask('3');
    await client.ask('mon bilan');
    client.close();

    const { live } = await reload(cookie);
    const text = live.map((f) => f.text).join('\n');
    expect(text).toMatch(/Bon retour ! Voici où vous en êtes/);
    expect(text).toMatch(/✅ Diagnostic des 7 besoins/);
    expect(text).toMatch(/Et ensuite : \*\*Étape 1 · Objectifs\*\*/);
    const buttons = live.at(-1)!.quick_replies!.map((b) => b.title);
    expect(buttons[0]).toMatch(/^Continuer : Étape 1/);
    expect(buttons).not.toContain(content.ui.labels.diagnosisRestart);
  });

  it('sends no history to a page that reconnects (it still shows the conversation)', async () => {
    const { client, cookie } = await ctx.visitor();
    await onboardOnWeb(client);
    const again = await greet(await ctx.connect(cookie), 'welcome_back');
    expect((again.messages() as Frame[]).some((f) => f.history)).toBe(false);
    expect(again.messages()[0]!.text).toMatch(/^Bon retour/);
  });

  it('shows a first visitor nothing but the welcome, and keeps nothing of a page only opened', async () => {
    const { client, cookie } = await ctx.visitor();
    expect((client.messages() as Frame[]).some((f) => f.history)).toBe(false);
    expect((await ctx.server.store.read(cookieUserId(cookie)))).toBeUndefined();
  });

  it('is kept in the data export and removed by « supprimer mes données »', async () => {
    const { client, cookie } = await ctx.visitor();
    await onboardOnWeb(client);
    const replies = await client.ask('mes données');
    const url = replies.flatMap((m) => m.cards ?? []).find((c) => c.url?.includes('/mes-donnees/'))!.url!;
    // The JSON file of « mes données » (beside its page, or the link itself).
    let exported: { user: { history: Array<{ said?: string; replies: Array<{ text: string }> }> } } | undefined;
    for (const candidate of [`${url}/json`, url]) {
      const res = await fetch(candidate);
      if (res.ok && /json/.test(res.headers.get('content-type') ?? '')) exported = (await res.json()) as typeof exported;
      if (exported) break;
    }
    expect(exported!.user.history.map((e) => e.said)).toContain('69');
    expect(exported!.user.history[0]!.replies[0]!.text).toMatch(/Compagnon ODD 17/);

    await client.ask('supprimer mes données');
    client.send({ type: 'message', text: content.ui.labels.eraseConfirm, value: 'erase:yes' });
    await client.waitFor(() => client.closed !== undefined).catch(() => undefined);
    const userId = cookieUserId(cookie);
    expect((await ctx.server.store.read(userId))).toBeUndefined();
    await ctx.server.store.flush();
    const { readFileSync, readdirSync } = await import('node:fs');
    for (const file of readdirSync(ctx.dir)) {
      if (file.startsWith('compagnon')) expect(readFileSync(`${ctx.dir}/${file}`, 'utf8')).not.toContain(userId);
    }
  });
});

describe('what the history keeps, turn by turn', () => {
  const chat = useConversations();
  /** A user of the in-process bot whose channel (`test`) keeps a history, as the web chat does. */
  const open = (options: Parameters<typeof chat.open>[0] = {}) => chat.open({ userId: 'u', keepsHistory: () => true, ...options });

  it('stays within MAX_HISTORY_EXCHANGES exchanges and MAX_HISTORY_BYTES, the latest kept', async () => {
    const c = await open();
    for (let i = 0; i < MAX_HISTORY_EXCHANGES + 15; i++) await c.say(i % 2 ? "c'est quoi un PTCE ?" : `aide ${i}`);
    await c.say('dernier mot');
    const history = c.user()!.history;
    expect(history.length).toBeLessThanOrEqual(MAX_HISTORY_EXCHANGES);
    expect(jsonBytes(history)).toBeLessThanOrEqual(MAX_HISTORY_BYTES);
    expect(history.at(-1)!.said).toBe('dernier mot');
  });

  it('adds nothing for a turn that failed', async () => {
    const boom: ExtraDialog = {
      id: 'boom',
      start: () => ({ then: { goto: 'ask' } }),
      steps: { ask: { prompt: () => [{ text: 'Question piège', choices: [], cards: [] }], handle: () => { throw new Error('step crashed'); } } },
    };
    const c = await open({ extraDialogs: [boom] });
    await c.say('bonjour');
    const user = c.user()!;
    user.dialogStack = [{ dialog: 'boom', step: 'ask', data: {}, attempts: 0 }];
    c.store.put(user);
    const before = c.user()!.history;
    const replies = await c.say('je continue');
    expect(replies[0]!.text).toMatch(/souci technique/);
    expect(c.user()!.history).toEqual(before);
    expect(JSON.stringify(c.user()!.history)).not.toContain('je continue');
  });

  it('gives way first when the record would pass its cap', async () => {
    const c = await open({ maxRecordBytes: 12_000 });
    for (let i = 0; i < 30; i++) await c.say(`aide ${i}`);
    const user = c.user()!;
    expect(Buffer.byteLength(JSON.stringify(user))).toBeLessThanOrEqual(12_000);
    expect(user.history.at(-1)!.said).toBe('aide 29');
    expect(user.history.length).toBeLessThan(30);
  });

  it('is not kept for a channel that keeps its own (Teams)', async () => {
    // The server's own rule: the web chat keeps one, Teams does not.
    const c = await chat.open();
    await c.turns.handle('msteams:t:o', 'msteams', { kind: 'message', text: 'bonjour' });
    expect((await c.store.read('msteams:t:o'))!.history).toEqual([]);
    await c.turns.handle('web-user', 'web', { kind: 'message', text: 'bonjour' });
    expect((await c.store.read('web-user'))!.history.length).toBeGreaterThan(0);
  });
});
