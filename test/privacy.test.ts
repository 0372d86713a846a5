import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { content } from './helpers/conversation.js';
import { TEST_NOW, testClock } from './helpers/clock.js';
import { useTestServer } from './helpers/test-server.js';
import { newUserRecord } from '../src/domain/user-record.js';
import { ErasedUserError } from '../src/infra/storage/user-store.js';
import { greet, onboardOnWeb, subscribeToJeudisOnWeb } from './helpers/web-client.js';

const { labels } = content.ui;
const ctx = useTestServer();

/** A web visitor with a profile, subscribed to the Thursday prompts. */
async function visitor() {
  const { client, cookie } = await ctx.visitor();
  await onboardOnWeb(client);
  await subscribeToJeudisOnWeb(client);
  return Object.assign(client, { cookie });
}

const cardUrl = (frames: Array<{ cards?: Array<{ url?: string }> }>, pattern: RegExp) =>
  frames.flatMap((f) => f.cards ?? []).map((c) => c.url ?? '').find((u) => pattern.test(u));

describe('RGPD self-service', () => {
  it('« mes données » gives a personal link to a JSON export of everything stored about the user', async () => {
    const client = await visitor();
    const replies = await client.ask('mes données');
    const url = cardUrl(replies, /\/mes-donnees\//);
    expect(url).toBeDefined();
    const res = await fetch(url!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="compagnon-odd17-mes-donnees.json"/);
    const data = (await res.json()) as { user: { id: string; profile: { actor: string; departement: string }; jeudis: { hour: number } } };
    expect(data.user.profile).toMatchObject({ actor: 'association', departement: '69' });
    expect(data.user.jeudis.hour).toBe(9);
    // The link is the user's own: altered, it opens nothing.
    expect((await fetch(url!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).status).toBe(404);
    // And a report link cannot open the export.
    const report = cardUrl(await client.ask('mon bilan'), /\/bilan\//)!;
    expect((await fetch(url!.replace(/\/mes-donnees\/.*/, `/mes-donnees/${report.split('/bilan/')[1]}`))).status).toBe(404);
  });

  it('« supprimer mes données » asks first; « non » keeps everything', async () => {
    const client = await visitor();
    const ask = await client.ask('supprimer mes données');
    expect(ask.map((f) => f.text).join('\n')).toMatch(/effacer \*\*toutes vos données\*\*/);
    await client.press(new RegExp(labels.eraseCancel));
    expect(ctx.server.store.ids()).toHaveLength(1);
  });

  it('after confirmation erases the record, the pairing invitations and the subscription, and report links stop working', async () => {
    const client = await visitor();
    await client.ask('jumelage');
    await client.press(new RegExp(labels.pairingInvite));
    const report = cardUrl(await client.ask('mon bilan'), /\/bilan\//)!;
    const exportUrl = cardUrl(await client.ask('mes données'), /\/mes-donnees\//)!;
    expect((await fetch(report)).status).toBe(200);
    expect(ctx.server.store.invites()).toHaveLength(1);
    const [erasedId] = ctx.server.store.ids();
    if (!erasedId) throw new Error('the visitor has no record');

    await client.ask('supprimer mes données');
    const before = client.messages().length;
    client.send({ type: 'message', text: labels.eraseConfirm, value: 'erase:yes' });
    await client.waitFor((m) => m.length > before);
    expect(client.messages().at(-1)!.text).toMatch(/toutes vos données sont effacées/);
    await ctx.server.store.flush();
    expect(ctx.server.store.ids()).toEqual([]);
    expect(ctx.server.store.invites()).toEqual([]);
    expect((await fetch(report)).status).toBe(404);
    expect((await fetch(exportUrl)).status).toBe(404);
    // No file of the data directory names them any more (snapshot, backup, log, journal).
    const naming = readdirSync(ctx.dir).filter((f) => readFileSync(path.join(ctx.dir, f)).includes(erasedId));
    expect(naming).toEqual([]);

    // Coming back (a new visit) starts afresh, with the welcome of a new user, under a new
    // identity: the erased id is never given a record again, so the old links stay dead.
    const page = await fetch(ctx.url, { headers: { cookie: client.cookie } });
    const fresh = page.headers.get('set-cookie')?.split(';')[0] ?? client.cookie;
    const again = await greet(await ctx.connect(fresh));
    expect(again.messages().map((f) => f.text).join('\n')).toMatch(/Compagnon ODD 17/);
    await again.press(/^Association/);
    await ctx.server.store.flush();
    // The links issued before the erasure open nothing, now that the person is back.
    expect((await fetch(report)).status).toBe(404);
    expect((await fetch(exportUrl)).status).toBe(404);
    expect(ctx.server.store.wasErased(erasedId)).toBe(true);
    expect(() => ctx.server.store.put(newUserRecord(erasedId, 'web', TEST_NOW))).toThrow(ErasedUserError);
    expect(ctx.server.store.ids()).toHaveLength(1);
    expect(ctx.server.store.ids()).not.toContain(erasedId);
    expect(ctx.server.store.get(ctx.server.store.ids()[0]!)?.profile.departement).toBeUndefined();
    expect(ctx.server.store.get(ctx.server.store.ids()[0]!)?.jeudis).toBeUndefined();
  });
});

describe('retention', () => {
  it('erases at start-up the users inactive for longer than RETENTION_DAYS, and keeps the others', async () => {
    await ctx.stop();
    const { UserStore } = await import('../src/infra/storage/user-store.js');
    const { newUserRecord } = await import('../src/domain/user-record.js');
    const store = await UserStore.open(ctx.dir, { now: testClock(), flushDelayMs: 0 });
    store.put({ ...newUserRecord('old', 'web', new Date('2024-01-01T00:00:00Z')) });
    store.put({ ...newUserRecord('recent', 'web', new Date('2026-10-01T00:00:00Z')) });
    await store.close();
    await ctx.start({ env: { RETENTION_DAYS: '365' }, now: () => new Date('2026-11-23T00:00:00Z') });
    expect(ctx.server.store.ids()).toEqual(['recent']);
  });
});
