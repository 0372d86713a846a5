import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_FILE } from '../src/infra/storage/user-store.js';
import { BOT_ID, text } from './helpers/teams-client.js';
import { useTeamsServer } from './helpers/test-server.js';

const ctx = useTeamsServer({ lazy: true });

function dataBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const stat = statSync(path.join(dir, name));
    return sum + (stat.isFile() ? stat.size : 0);
  }, 0);
}

describe('what is kept from Teams activities', () => {
  it('40 activities carrying 200 kB of extra fields each add a few kB, not megabytes', async () => {
    // A high flood limit: this test is about what accepted activities leave on disk.
    const server = await ctx.start({ env: { FLOOD_BURST: '1000', FLOOD_PER_SECOND: '100' } });
    await server.store.flush();
    const before = dataBytes(ctx.dir);

    // 20 users: each installs the app (a fat conversation) and writes once (a fat sender).
    const padding = 'x'.repeat(200_000);
    const users = Array.from({ length: 20 }, () => ctx.user({ name: 'Camille' }));
    for (const user of users) {
      const base = user.activity({});
      const fatRecipient = { ...(base.recipient as object), role: 'bot', properties: { big: padding.slice(0, 1000) } };
      const installed = await user.post({
        ...base,
        type: 'conversationUpdate',
        membersAdded: [{ id: BOT_ID }],
        conversation: { ...(base.conversation as object), extra: padding },
        recipient: fatRecipient,
      });
      const wrote = await user.post({ ...user.activity({}), type: 'message', text: 'menu', from: { ...(base.from as object), extra: padding }, recipient: fatRecipient });
      expect([installed.status, wrote.status]).toEqual([200, 200]);
      expect(text(wrote.replies)).not.toBe('');
    }
    await server.store.flush();
    const grown = dataBytes(ctx.dir) - before;
    expect(grown / 40).toBeLessThan(4_000);

    const user = users[0]!;
    const link = (await server.store.read(user.recordId))?.teams;
    expect(JSON.stringify(link)).not.toContain('xxxx');
    expect(link?.reference).toEqual({
      serviceUrl: ctx.connector.url,
      channelId: 'msteams',
      conversation: { id: user.conversationId, tenantId: user.tenantId, conversationType: 'personal' },
      user: { id: user.fromId, aadObjectId: user.aadObjectId },
      bot: { id: BOT_ID, name: 'Compagnon ODD 17' },
      locale: 'fr-FR',
    });
  });

  it('refuses an activity whose ids or text are beyond any Teams value, and stores nothing of it', async () => {
    const server = await ctx.start();
    const user = ctx.user();
    const base = user.activity({ type: 'message', text: 'menu' });
    for (const fat of [
      { ...base, conversation: { ...(base.conversation as object), id: 'c'.repeat(5000) } },
      { ...base, from: { ...(base.from as object), id: 'u'.repeat(5000) } },
      { ...base, text: 'a'.repeat(40_000) },
    ]) {
      expect((await user.post(fat)).status).toBe(400);
    }
    await server.store.flush();
    expect((await server.store.ids())).toEqual([]);
  });

  it('loads a data file written by an older version: unknown fields of a stored link dropped, an oversized link forgotten', async () => {
    const at = '2026-11-01T10:00:00.000Z';
    const record = (id: string, reference: unknown) => ({ id, channel: 'msteams', createdAt: at, updatedAt: at, teams: { reference, updatedAt: at, extra: 'old' } });
    const loose = {
      serviceUrl: ctx.connector.url,
      channelId: 'msteams',
      conversation: { id: 'a:personal-old', tenantId: 't', conversationType: 'personal', isGroup: false, extra: 'x'.repeat(1000) },
      user: { id: '29:old', name: 'Camille', aadObjectId: 'aad-old', role: 'user', extra: 'y'.repeat(1000) },
      bot: { id: BOT_ID, name: 'Compagnon ODD 17', role: 'bot' },
      locale: 'fr-FR',
      activityId: 'whatever',
    };
    const oversized = { ...loose, conversation: { id: 'c'.repeat(100_000) } };
    writeFileSync(
      path.join(ctx.dir, DATA_FILE),
      JSON.stringify({ version: 1, users: { 'msteams:t:old': record('msteams:t:old', loose), 'msteams:t:huge': record('msteams:t:huge', oversized) } }),
    );
    const server = await ctx.start();
    expect((await server.store.read('msteams:t:old'))?.teams).toEqual({
      reference: {
        serviceUrl: ctx.connector.url,
        channelId: 'msteams',
        conversation: { id: 'a:personal-old', tenantId: 't', conversationType: 'personal' },
        user: { id: '29:old', aadObjectId: 'aad-old' },
        bot: { id: BOT_ID, name: 'Compagnon ODD 17' },
        locale: 'fr-FR',
      },
      updatedAt: at,
    });
    expect((await server.store.read('msteams:t:huge'))).toBeDefined();
    expect((await server.store.read('msteams:t:huge'))?.teams).toBeUndefined();
    // And the server answers as usual.
    const user = ctx.user();
    expect(text((await user.install()).replies)).toMatch(/Compagnon ODD 17/);
  });
});
