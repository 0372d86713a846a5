import { afterEach, describe, expect, it } from 'vitest';
import { UserStore } from '../src/infra/storage/user-store.js';
import { killSpawned, spawnTsx } from './helpers/child-process.js';
import { testClock } from './helpers/clock.js';
import { usePostgres } from './helpers/postgres.js';
import { tempDir } from './helpers/temp-dir.js';
import { storedRecord } from './helpers/records.js';

/** `npm run storage:migrate`: the data directory to PostgreSQL and back, through the real command. */
const postgres = usePostgres();
const now = testClock();
const dirs: Array<ReturnType<typeof tempDir>> = [];
afterEach(async () => {
  await killSpawned();
  for (const dir of dirs.splice(0)) dir.cleanup();
});

function dataDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir.dir;
}

/** Runs the command with DATA_DIR; its exit code and what it printed. */
function migrate(dir: string, args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawnTsx('src/cli/storage-migrate-cli.ts', args, { env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

const record = (id: string, departement: string) => {
  const r = storedRecord(id, departement);
  r.history = [{ at: '2026-11-23T10:00:00.000Z', said: 'bonjour', replies: [{ text: 'Bonjour !', choices: [], cards: [] }] }];
  return r;
};

/** Everything a store holds, in a form two stores can be compared by. */
async function dump(store: UserStore) {
  const ids = (await store.ids()).sort();
  return {
    users: Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await store.read(id)]))),
    invites: store.invites(),
    pairings: store.pairings(),
    resumeGrants: store.resumeGrants(),
    unanswered: store.unanswered(),
    feedback: store.feedback(),
    erasures: store.erasures(),
    introductions: store.introductions(),
  };
}

describe('storage:migrate', () => {
  it('copies a data directory into PostgreSQL and back: the same data, counts printed; refuses to overwrite without --force', { timeout: 60_000 }, async () => {
    const source = dataDir();
    const store = await UserStore.open(source, { flushDelayMs: 0, now });
    for (const [id, dep] of [['a', '69'], ['b', '13'], ['c', '2A'], ['gone', '75']] as const) await store.put(record(id, dep));
    await store.commit(
      store
        .batch()
        .putInvite({ code: 'ABCD2345', inviterId: 'a', createdAt: '2026-12-01T09:00:00.000Z', expiresAt: '2026-12-08T09:00:00.000Z' })
        .putPairing({ id: 'p1', users: ['a', 'b'], since: '2026-12-01T09:00:00.000Z' })
        .logUnanswered({ text: 'une question', at: '2026-12-01', closest: ['faq:ptce'] })
        .logFeedback({ entry: 'faq:ptce', vote: 'down', at: '2026-12-01' })
        .introduced('f'.repeat(64), new Date('2026-12-01T09:00:00Z'))
        .erase('gone', new Date('2026-12-01T09:30:00Z')),
    );
    const expected = dump(store);
    await store.close();

    const url = await postgres.database();
    const to = await migrate(source, ['--to', url]);
    expect(to.out).toMatch(/Copié dans la base PostgreSQL en [\d.]+ s : 3 utilisateurs, 1 invitations, 1 jumelages, 0 codes de reprise, 1 questions sans réponse, 1 votes, 1 effacements mémorisés, 1 conversations de groupe saluées\./);
    expect(to.code).toBe(0);

    const again = await migrate(source, ['--to', url]);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/la base PostgreSQL contient déjà des données \(3 utilisateurs.*Ajoutez --force/);
    expect((await migrate(source, ['--to', url, '--force'])).code).toBe(0);

    const back = dataDir();
    const from = await migrate(back, ['--from', url]);
    expect(from.out).toMatch(/Copié dans DATA_DIR .* : 3 utilisateurs/);
    expect(from.code).toBe(0);
    const copy = await UserStore.open(back, { flushDelayMs: 0, now });
    expect(dump(copy)).toEqual(expected);
    expect(copy.wasErased('gone')).toBe(true);
    await copy.close();
  });

  it('says what to do with a wrong address, and refuses while a server holds the data directory', async () => {
    const dir = dataDir();
    const wrong = await migrate(dir, ['--to', 'mysql://x']);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/n'est pas une adresse postgres/);
    const usage = await migrate(dir, []);
    expect(usage.code).toBe(1);
    expect(usage.out).toMatch(/Usage/);

    // A running server holds the data directory: nothing is copied.
    const holder = spawnTsx('test/fixtures/hold-data-lock.ts', [], { env: { ...process.env, DATA_DIR: dir }, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve()));
    const busy = await migrate(dir, ['--to', await postgres.database()]);
    expect(busy.code).toBe(1);
    expect(busy.out).toMatch(/Arrêtez le serveur avant de copier ses données/);
  });
});
