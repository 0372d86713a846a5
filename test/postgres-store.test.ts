import { readdirSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate, openPostgresStore } from '../src/infra/storage/postgres/open-postgres-store.js';
import { testClock } from './helpers/clock.js';
import { Records } from '../src/services/records.js';
import { eventually } from './helpers/eventually.js';
import { usePostgres } from './helpers/postgres.js';
import { storedRecord as record } from './helpers/records.js';
import { appendHistory, keptEntry, MAX_HISTORY_EXCHANGES } from '../src/domain/conversation-history.js';
import { runner } from 'node-pg-migrate';

/** What the PostgreSQL backend does beyond the store contract (test/store-contract.test.ts). */
const postgres = usePostgres();
const now = testClock();
const options = (url: string) => ({ url, poolSize: 4, statementTimeoutMs: 5_000, now });

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe('the store on PostgreSQL', () => {
  it('migrates once when several servers start together (under the migration lock)', async () => {
    const url = await postgres.database();
    const all = readdirSync('src/infra/storage/postgres/migrations').map((f) => f.replace(/\.sql$/, '')).sort();
    const ran = await Promise.all([1, 2, 3].map(() => withClient(url, (client) => migrate(client))));
    // Each migration applied by one of them, once.
    expect(ran.flat().sort()).toEqual(all);
    const applied = await withClient(url, (c) => c.query('SELECT name FROM pgmigrations ORDER BY name'));
    expect(applied.rows.map((r) => r.name)).toEqual(all);
  });

  it('lets two servers share a database: one user’s concurrent writes from both are all kept, an invitation is used once, each sees the other’s changes', async () => {
    const url = await postgres.database();
    const [a, b] = [await openPostgresStore(options(url)), await openPostgresStore(options(url))];
    const [ra, rb] = [new Records(a), new Records(b)];
    await ra.update('u', (tx) => tx.save(record('u')));
    await eventually(async () => expect((await b.read('u'))).toBeDefined());

    // 20 changes of the same user, half on each server, all at once: none overwrites another.
    const saved = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? ra : rb).change('u', (user) => void (user.profile.options[`k${i}`] = 'x'))),
    );
    expect(saved.every(Boolean)).toBe(true);
    const rows = await withClient(url, (c) => c.query(`SELECT record->'profile'->'options' AS o FROM users WHERE id = 'u'`));
    expect(Object.keys(rows.rows[0].o).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `k${i}`).sort());
    await eventually(async () => expect(Object.keys((await a.read('u'))!.profile.options)).toHaveLength(20));
    await eventually(async () => expect(Object.keys((await b.read('u'))!.profile.options)).toHaveLength(20));

    // An invitation both servers try to use at the same moment: one of them only.
    await a.commit(a.batch().putInvite({ code: 'ABCD2345', inviterId: 'u', createdAt: 'x', expiresAt: 'y' }));
    await eventually(() => expect(b.getInvite('ABCD2345')).toBeDefined());
    const use = (store: typeof a, by: string) => {
      const invite = store.getInvite('ABCD2345')!;
      if (invite.usedBy) return Promise.resolve('déjà utilisée');
      return Promise.resolve(store.commit(store.batch().putInvite({ ...invite, usedBy: by }))).then(
        () => 'utilisée',
        (err: Error) => err.name,
      );
    };
    const outcomes = await Promise.all([use(a, 'v'), use(b, 'w')]);
    expect(outcomes.sort()).toEqual(['WriteConflictError', 'utilisée']);
    const used = await withClient(url, (c) => c.query(`SELECT invite->>'usedBy' AS by FROM invites WHERE code = 'ABCD2345'`));
    expect(['v', 'w']).toContain(used.rows[0].by);

    // An erasure on one server: the other forgets the user and refuses the id.
    await ra.update('u', (tx) => tx.erase(new Date('2026-12-01T10:00:00Z')));
    await eventually(async () => expect((await b.read('u'))).toBeUndefined());
    await eventually(() => expect(b.wasErased('u')).toBe(true));
    await a.close();
    await b.close();
  });

  it('keeps whatever a user typed exactly as typed: quotes, backslashes, placeholders, SQL, emoji', async () => {
    const url = await postgres.database();
    const store = await openPostgresStore(options(url));
    const typed = ["l'été \\ « ok »", '$1 $2 $$ E\'x\'', "'); DROP TABLE users; --", '{"a": "\\u0000"}', '😀\u2028fin', '\\'];
    const user = record('typed');
    typed.forEach((t, i) => (user.profile.options[`k${i}`] = t));
    await store.put(user);
    // Several users in one transaction, and an update of the first at its version.
    await store.commit(store.batch().put({ ...record('other'), profile: { ...record('other').profile, options: { q: "a'b" } } }).put({ ...user, profile: { ...user.profile, departement: '13' } }));
    await store.close();
    const again = await openPostgresStore(options(url));
    const read = await again.read('typed');
    expect(read?.profile.departement).toBe('13');
    expect(Object.values(read!.profile.options)).toEqual(typed);
    expect((await again.read('other'))?.profile.options).toEqual({ q: "a'b" });
    expect((await again.ids()).sort()).toEqual(['other', 'typed']);
    await again.close();
  });

  it('keeps a user’s history and push subscriptions in rows of their own: a turn writes its new exchange only, an exchange dropped loses its row, an erasure all of them', async () => {
    const url = await postgres.database();
    const store = await openPostgresStore(options(url));
    const records = new Records(store);
    const exchange = (i: number) => keptEntry({ at: `2026-12-01T09:00:${String(i % 60).padStart(2, '0')}Z`, said: `réponse ${i}`, replies: [{ text: `question ${i}`, choices: [], cards: [] }] });
    const browser = (i: number) => ({ endpoint: `https://push.example.org/${i}`, keys: { p256dh: 'p'.repeat(40), auth: 'a'.repeat(16) }, at: '2026-12-01T09:00:00Z' });
    const user = record('h');
    user.history = appendHistory([], [exchange(1), exchange(2)]);
    user.jeudis = { active: true, hour: 9, timeZone: 'Europe/Paris', since: '2026-12-01', suggestedTools: [], push: [browser(1), browser(2)] };
    await store.put(user);
    const rows = (sql: string) => withClient(url, async (c) => (await c.query(sql)).rows);
    expect(await rows(`SELECT record ? 'history' AS h, record->'jeudis' ? 'push' AS p FROM users`)).toEqual([{ h: false, p: false }]);
    expect(await rows(`SELECT n, entry->>'said' AS said FROM history ORDER BY n`)).toEqual([{ n: 1, said: 'réponse 1' }, { n: 2, said: 'réponse 2' }]);
    expect((await rows(`SELECT subscription->>'endpoint' AS e FROM push_subscriptions ORDER BY position`)).map((r) => r.e)).toEqual(['https://push.example.org/1', 'https://push.example.org/2']);

    // A turn adds its exchange: the rows already there are not written again (same row version).
    const firstRow = async () => (await rows(`SELECT xmin::text AS x FROM history WHERE n = 1`))[0]?.x;
    const written = await firstRow();
    await records.change('h', (u) => void (u.history = appendHistory(u.history, [exchange(3)])));
    expect(await firstRow()).toBe(written);
    expect(await rows(`SELECT count(*)::int AS c FROM history`)).toEqual([{ c: 3 }]);

    // Beyond MAX_HISTORY_EXCHANGES, the oldest rows go; one browser removed, the other kept.
    await records.change('h', (u) => {
      for (let i = 4; i <= MAX_HISTORY_EXCHANGES + 5; i++) u.history = appendHistory(u.history, [exchange(i)]);
      u.jeudis!.push = [browser(2)];
    });
    expect(await rows(`SELECT min(n) AS lo, max(n) AS hi, count(*)::int AS c FROM history`)).toEqual([{ lo: 6, hi: MAX_HISTORY_EXCHANGES + 5, c: MAX_HISTORY_EXCHANGES }]);
    expect(await rows(`SELECT position, subscription->>'endpoint' AS e FROM push_subscriptions`)).toEqual([{ position: 1, e: 'https://push.example.org/2' }]);

    // Read back whole by another server, as the store kept it.
    const other = await openPostgresStore(options(url));
    const read = await other.read('h');
    expect(read).toEqual(await store.read('h'));
    expect(read?.history.map((e) => e.said)).toEqual(Array.from({ length: MAX_HISTORY_EXCHANGES }, (_, i) => `réponse ${i + 6}`));
    expect(read?.jeudis?.push?.map((b) => b.endpoint)).toEqual(['https://push.example.org/2']);
    await other.close();

    // A history that does not continue the one stored (exchanges of an older version, numbered
    // again from 1 by the store): written whole, as the record has it.
    const renumbered = (await store.read('h'))!;
    renumbered.history = [exchange(100), exchange(101)];
    await store.put(renumbered);
    const third = await openPostgresStore(options(url));
    expect((await third.read('h'))?.history.map((e) => [e.n, e.said])).toEqual([[1, 'réponse 100'], [2, 'réponse 101']]);
    await third.close();

    // « supprimer mes données »: nothing of them is left in any table.
    await records.update('h', (tx) => tx.erase(new Date('2026-12-01T10:00:00Z')));
    expect(await rows(`SELECT (SELECT count(*) FROM users)::int AS u, (SELECT count(*) FROM history)::int AS h, (SELECT count(*) FROM push_subscriptions)::int AS p`)).toEqual([{ u: 0, h: 0, p: 0 }]);
    await store.close();
  });

  it('moves the history and push subscriptions a record held before into their rows when it migrates', async () => {
    const url = await postgres.database();
    // The database as the previous version left it: histories and push subscriptions inside the records.
    await withClient(url, (client) => runner({ dbClient: client, dir: 'src/infra/storage/postgres/migrations', migrationsTable: 'pgmigrations', direction: 'up', count: 3, log: () => {} }));
    const before = record('old');
    before.jeudis = { active: true, hour: 9, timeZone: 'Europe/Paris', since: '2026-12-01', suggestedTools: [], push: [{ endpoint: 'https://push.example.org/x', keys: { p256dh: 'p'.repeat(40), auth: 'a'.repeat(16) }, at: 'x' }] };
    const legacy = { ...before, history: [{ at: 'a', said: 'un', replies: [] }, { at: 'b', said: 'deux', replies: [] }] };
    await withClient(url, (c) => c.query('INSERT INTO users (id, record) VALUES ($1, $2)', ['old', JSON.stringify(legacy)]));
    const store = await openPostgresStore(options(url));
    const read = await store.read('old');
    expect(read?.history).toEqual([{ n: 1, at: 'a', said: 'un', replies: [] }, { n: 2, at: 'b', said: 'deux', replies: [] }]);
    expect(read?.jeudis?.push?.map((b) => b.endpoint)).toEqual(['https://push.example.org/x']);
    const left = await withClient(url, async (c) => (await c.query(`SELECT record ? 'history' AS h, record->'jeudis' ? 'push' AS p FROM users`)).rows);
    expect(left).toEqual([{ h: false, p: false }]);
    await store.close();
    // And back (the migration's down): inside the record again.
    await withClient(url, (client) => runner({ dbClient: client, dir: 'src/infra/storage/postgres/migrations', migrationsTable: 'pgmigrations', direction: 'down', count: 1, log: () => {} }));
    const back = await withClient(url, async (c) => (await c.query(`SELECT record->'history' AS h, record->'jeudis'->'push' AS p FROM users`)).rows);
    expect(back[0].h.map((e: { said: string; n: number }) => [e.n, e.said])).toEqual([[1, 'un'], [2, 'deux']]);
    expect(back[0].p.map((b: { endpoint: string }) => b.endpoint)).toEqual(['https://push.example.org/x']);
  });

  it('listens again when its connection is cut, and reads what it missed meanwhile', async () => {
    const url = await postgres.database();
    const [a, b] = [await openPostgresStore(options(url)), await openPostgresStore(options(url))];
    const name = new URL(url).pathname.slice(1);
    // The listeners' connections are cut (a database restart, a proxy's timeout)…
    await withClient(url, (c) =>
      c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`, [name]),
    );
    // …and a change is made before they are back: no notification reaches the other server.
    await a.put(record('missed', '13'));
    await eventually(async () => expect((await b.read('missed'))?.profile.departement).toBe('13'));
    // Once back, it hears the next ones.
    await a.put(record('heard', '2A'));
    await eventually(async () => expect((await b.read('heard'))?.profile.departement).toBe('2A'));
    await a.close();
    await b.close();
  });

  it('undoes in memory a batch the database refused, and the waiting turn fails', async () => {
    const url = await postgres.database();
    const store = await openPostgresStore(options(url));
    await store.put(record('a'));
    // Held in memory, with its row's version (a write of it replaces that version).
    expect((await store.read('a'))?.profile.departement).toBe('69');
    // The database refuses the next batch (its log table is gone).
    await withClient(url, (c) => c.query('DROP TABLE feedback'));
    const refused = store.commit(store.batch().put(record('a', '13')).putInvite({ code: 'ABCD2345', inviterId: 'a', createdAt: 'x', expiresAt: 'y' }).logFeedback({ entry: 'faq:ptce', vote: 'up', at: '2026-12-01' }));
    // Applied at once in memory, for the reads of this tick…
    expect((await store.read('a'))?.profile.departement).toBe('13');
    await expect(refused).rejects.toThrow(/feedback/);
    // …and undone when the transaction failed: nothing of it is kept, in memory or in the database.
    expect((await store.read('a'))?.profile.departement).toBe('69');
    expect(store.getInvite('ABCD2345')).toBeUndefined();
    expect(store.feedback()).toEqual([]);
    const rows = await withClient(url, (c) => c.query(`SELECT record->'profile'->>'departement' AS d FROM users WHERE id = 'a'`));
    expect(rows.rows).toEqual([{ d: '69' }]);
    await store.close();
  });

  it('says in French when the database cannot be reached', async () => {
    await expect(openPostgresStore(options('postgres://postgres@127.0.0.1:1/none'))).rejects.toThrow(/PostgreSQL \(DATABASE_URL\) injoignable/);
  });
});
