import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/infra/storage/postgres/open-postgres-store.js';
import { ErasedUserError, RecordTooLargeError, UserStore } from '../src/infra/storage/user-store.js';
import { testClock } from './helpers/clock.js';
import { usePostgres } from './helpers/postgres.js';
import { tempDir } from './helpers/temp-dir.js';
import { storedRecord as record } from './helpers/records.js';

/**
 * What any backend of the store must do, run against both: the data directory (lowdb, the
 * default) and PostgreSQL (a real server, `test/helpers/postgres.ts`). Each test opens the store,
 * writes, closes it and opens it again, as a restart does.
 */
const postgres = usePostgres();
const now = testClock();
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Opens the store again (a restart), holding at most `cacheSize` users in memory. */
type Open = (options?: { cacheSize?: number }) => Promise<UserStore>;
const backends: Record<string, () => Promise<Open>> = {
  'the data directory (lowdb)': async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    return (options) => UserStore.open(tmp.dir, { flushDelayMs: 0, now, maxRecordBytes: 8_000, ...options });
  },
  PostgreSQL: async () => {
    const url = await postgres.database();
    return (options) => openPostgresStore({ url, poolSize: 4, statementTimeoutMs: 5_000, now, maxRecordBytes: 8_000, ...options });
  },
};

/** A user subscribed to the Thursday prompts at `hour`, last active on `updatedAt`. */
function subscriber(id: string, hour: number, updatedAt: string) {
  const r = record(id);
  r.updatedAt = updatedAt;
  r.jeudis = { active: true, hour, timeZone: 'Europe/Paris', since: '2026-11-01T09:00:00.000Z', suggestedTools: [] };
  return r;
}

describe.each(Object.keys(backends))('the store on %s', (backend) => {
  const opened = async (options?: { cacheSize?: number }) => {
    const open = await backends[backend]!();
    return { open, store: await open(options) };
  };

  it('holds only the users used lately in memory, and reads the others from storage when asked', async () => {
    const { open, store } = await opened({ cacheSize: 5 });
    const batch = store.batch();
    for (let i = 0; i < 40; i++) batch.put(record(`u${i}`, String(10 + i)));
    await store.commit(batch);
    expect(store.cachedUsers).toBeLessThanOrEqual(5);
    // Read back at once (the data directory has not written them to their files yet) and after a restart.
    expect((await store.read('u3'))?.profile.departement).toBe('13');
    await store.close();
    const again = await open({ cacheSize: 5 });
    expect(again.cachedUsers).toBe(0);
    for (let i = 39; i >= 0; i--) expect((await again.read(`u${i}`))?.profile.departement).toBe(String(10 + i));
    expect(again.cachedUsers).toBeLessThanOrEqual(5);
    expect(await again.read('nobody')).toBeUndefined();
    expect((await again.ids()).length).toBe(40);
    await again.close();
  });

  it('lists the Thursday subscribers and the inactive users without reading every record, also after a restart and an erasure', async () => {
    const { open, store } = await opened({ cacheSize: 2 });
    await store.put(subscriber('early', 8, '2024-01-10T09:00:00.000Z'));
    await store.put(subscriber('late', 18, '2026-11-30T09:00:00.000Z'));
    await store.put(record('plain'));
    const stopped = subscriber('stopped', 9, '2026-11-30T09:00:00.000Z');
    await store.put(stopped);
    await store.put({ ...stopped, jeudis: undefined });
    await store.close();
    const again = await open({ cacheSize: 2 });
    const subs = await again.subscribers();
    expect(subs.map((s) => [s.id, s.due.hour]).sort()).toEqual([
      ['early', 8],
      ['late', 18],
    ]);
    expect(await again.inactiveSince(new Date('2025-01-01T00:00:00Z'))).toEqual(['early']);
    await again.erase('early', new Date('2026-12-01T10:00:00Z'));
    expect((await again.subscribers()).map((s) => s.id)).toEqual(['late']);
    expect(await again.inactiveSince(new Date('2025-01-01T00:00:00Z'))).toEqual([]);
    await again.close();
  });

  it('keeps records, invitations, pairings, resume codes and the authors’ logs across a restart', async () => {
    const { open, store } = await opened();
    await store.put(record('a'));
    await store.put(record('b', '13'));
    await store.put(record('a', '2A'));
    const batch = store
      .batch()
      .putInvite({ code: 'ABCD2345', inviterId: 'a', createdAt: '2026-12-01T09:00:00.000Z', expiresAt: '2026-12-08T09:00:00.000Z' })
      .putPairing({ id: 'p1', users: ['a', 'b'], since: '2026-12-01T09:00:00.000Z' })
      .putResumeGrant({ id: 'g1', codeHash: 'h', userId: 'a', createdAt: '2026-12-01T09:00:00.000Z', expiresAt: '2026-12-01T09:15:00.000Z' })
      .logUnanswered({ text: 'une question', at: '2026-12-01', closest: [] })
      .logFeedback({ entry: 'faq:ptce', vote: 'up', at: '2026-12-01' });
    await store.commit(batch);
    await store.close();

    const again = await open();
    expect((await again.read('a'))?.profile.departement).toBe('2A');
    expect((await again.read('b'))?.profile.departement).toBe('13');
    expect((await again.ids()).sort()).toEqual(['a', 'b']);
    expect(again.getInvite('ABCD2345')?.inviterId).toBe('a');
    expect(again.pairings().map((p) => p.users)).toEqual([['a', 'b']]);
    expect(again.getResumeGrant('g1')?.userId).toBe('a');
    expect(again.unanswered().map((q) => q.text)).toEqual(['une question']);
    expect(again.feedback().map((f) => f.entry)).toEqual(['faq:ptce']);
    await again.close();
  });

  it('erases a user with their invitations and pairings; the id stays refused after a restart, until reopened', async () => {
    const { open, store } = await opened();
    await store.put(record('a'));
    await store.put(record('b'));
    await store.commit(store.batch().putPairing({ id: 'p1', users: ['a', 'b'], since: '2026-12-01T09:00:00.000Z' }));
    await store.commit(store.batch().deletePairing('p1').erase('a', new Date('2026-12-01T10:00:00Z')));
    expect((await store.read('a'))).toBeUndefined();
    expect(() => store.put(record('a'))).toThrow(ErasedUserError);
    await store.close();

    const again = await open();
    expect((await again.read('a'))).toBeUndefined();
    expect((await again.read('b'))).toBeDefined();
    expect(again.pairings()).toEqual([]);
    expect(again.wasErased('a')).toBe(true);
    expect(() => again.put(record('a'))).toThrow(ErasedUserError);
    await again.commit(again.batch().reopen('a').put(record('a', '33')));
    await again.close();
    const third = await open();
    expect(third.wasErased('a')).toBe(false);
    expect((await third.read('a'))?.profile.departement).toBe('33');
    await third.close();
  });

  it('refuses a record over the size limit and writes nothing of its batch', async () => {
    const { open, store } = await opened();
    await store.put(record('a'));
    const big = record('a', '13');
    big.inbox = [{ key: 'x', text: 'x'.repeat(20_000), choices: [], cards: [] }];
    expect(() => store.commit(store.batch().putInvite({ code: 'ZZZZ2345', inviterId: 'a', createdAt: 'x', expiresAt: 'y' }).put(big))).toThrow(RecordTooLargeError);
    expect((await store.read('a'))?.profile.departement).toBe('69');
    await store.close();
    const again = await open();
    expect((await again.read('a'))?.profile.departement).toBe('69');
    expect(again.getInvite('ZZZZ2345')).toBeUndefined();
    await again.close();
  });

  it('says once that the bot introduced itself in a group chat, also after a restart', async () => {
    const { open, store } = await opened();
    expect(store.firstIntroduction('19:group@thread', now())).toBe(true);
    expect(store.firstIntroduction('19:group@thread', now())).toBe(false);
    await store.close();
    const again = await open();
    expect(again.firstIntroduction('19:group@thread', now())).toBe(false);
    expect(again.firstIntroduction('19:other@thread', now())).toBe(true);
    await again.close();
  });
});
