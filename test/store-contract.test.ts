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

type Open = () => Promise<UserStore>;
const backends: Record<string, () => Promise<Open>> = {
  'the data directory (lowdb)': async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    return () => UserStore.open(tmp.dir, { flushDelayMs: 0, now, maxRecordBytes: 8_000 });
  },
  PostgreSQL: async () => {
    const url = await postgres.database();
    return () => openPostgresStore({ url, poolSize: 4, statementTimeoutMs: 5_000, now, maxRecordBytes: 8_000 });
  },
};

describe.each(Object.keys(backends))('the store on %s', (backend) => {
  const opened = async () => {
    const open = await backends[backend]!();
    return { open, store: await open() };
  };

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
    expect(again.get('a')?.profile.departement).toBe('2A');
    expect(again.get('b')?.profile.departement).toBe('13');
    expect(again.ids().sort()).toEqual(['a', 'b']);
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
    expect(store.get('a')).toBeUndefined();
    expect(() => store.put(record('a'))).toThrow(ErasedUserError);
    await store.close();

    const again = await open();
    expect(again.get('a')).toBeUndefined();
    expect(again.get('b')).toBeDefined();
    expect(again.pairings()).toEqual([]);
    expect(again.wasErased('a')).toBe(true);
    expect(() => again.put(record('a'))).toThrow(ErasedUserError);
    await again.commit(again.batch().reopen('a').put(record('a', '33')));
    await again.close();
    const third = await open();
    expect(third.wasErased('a')).toBe(false);
    expect(third.get('a')?.profile.departement).toBe('33');
    await third.close();
  });

  it('refuses a record over the size limit and writes nothing of its batch', async () => {
    const { open, store } = await opened();
    await store.put(record('a'));
    const big = record('a', '13');
    big.inbox = [{ key: 'x', text: 'x'.repeat(20_000), choices: [], cards: [] }];
    expect(() => store.commit(store.batch().putInvite({ code: 'ZZZZ2345', inviterId: 'a', createdAt: 'x', expiresAt: 'y' }).put(big))).toThrow(RecordTooLargeError);
    expect(store.get('a')?.profile.departement).toBe('69');
    await store.close();
    const again = await open();
    expect(again.get('a')?.profile.departement).toBe('69');
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
