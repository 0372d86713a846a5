import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { newUserRecord } from '../src/domain/user-record.js';
import { migrate, openPostgresStore } from '../src/infra/storage/postgres/open-postgres-store.js';
import { testClock } from './helpers/clock.js';
import { usePostgres } from './helpers/postgres.js';

/** What the PostgreSQL backend does beyond the store contract (test/store-contract.test.ts). */
const postgres = usePostgres();
const now = testClock();
const options = (url: string) => ({ url, poolSize: 4, statementTimeoutMs: 5_000, now });

const record = (id: string, departement = '69') => {
  const r = newUserRecord(id, 'web', new Date('2026-11-23T10:00:00Z'));
  r.profile = { actor: 'association', options: {}, departement };
  return r;
};

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
    const ran = await Promise.all([1, 2, 3].map(() => withClient(url, (client) => migrate(client))));
    expect(ran.flat()).toEqual(['1764547200000_initial']);
    const applied = await withClient(url, (c) => c.query('SELECT name FROM pgmigrations'));
    expect(applied.rows.map((r) => r.name)).toEqual(['1764547200000_initial']);
  });

  it('refuses a second server on the same database, in French, while the first one runs', async () => {
    const url = await postgres.database();
    const first = await openPostgresStore(options(url));
    await expect(openPostgresStore(options(url))).rejects.toThrow(/Un autre serveur utilise déjà cette base/);
    await first.close();
    const after = await openPostgresStore(options(url));
    await after.close();
  });

  it('undoes in memory a batch the database refused, and the waiting turn fails', async () => {
    const url = await postgres.database();
    const store = await openPostgresStore(options(url));
    await store.put(record('a'));
    // The database refuses the next batch (its log table is gone).
    await withClient(url, (c) => c.query('DROP TABLE feedback'));
    const refused = store.commit(store.batch().put(record('a', '13')).putInvite({ code: 'ABCD2345', inviterId: 'a', createdAt: 'x', expiresAt: 'y' }).logFeedback({ entry: 'faq:ptce', vote: 'up', at: '2026-12-01' }));
    // Applied at once in memory, for the reads of this tick…
    expect(store.get('a')?.profile.departement).toBe('13');
    await expect(refused).rejects.toThrow(/feedback/);
    // …and undone when the transaction failed: nothing of it is kept, in memory or in the database.
    expect(store.get('a')?.profile.departement).toBe('69');
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
