import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newUserRecord } from '../src/domain/user-record.js';
import { DATA_FILE, StorageError, UserStore, WAL_FILE } from '../src/infra/storage/user-store.js';
import { killSpawned, spawnTsx } from './helpers/child-process.js';
import { tempDir } from './helpers/temp-dir.js';
import { testClock } from './helpers/clock.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
// The writer is killed (with its process group) also when a test fails or times out, and before
// its data directory is removed.
afterEach(async () => {
  await killSpawned();
  tmp.cleanup();
});

describe('a server killed (kill -9) during heavy writes', () => {
  it('restarts with a valid data file and every acknowledged answer', async () => {
    const child = spawnTsx('test/fixtures/heavy-writes-child.ts', [], {
      env: { ...process.env, DATA_DIR: tmp.dir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let acked = -1;
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) acked = Number(line.slice(4));
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Enough writes for several snapshots of the file to have started (one at least written), then kill at once.
    while (acked < 6000 || !existsSync(path.join(tmp.dir, DATA_FILE))) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGKILL');
    await exited;

    JSON.parse(readFileSync(path.join(tmp.dir, DATA_FILE), 'utf8'));
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0 });
    try {
      expect(store.replayed).toBeGreaterThan(0);
      for (let i = 0; i <= acked; i++) {
        expect((await store.read(`user-${i % 500}`))?.diagnosis.answers[`answer-${i}`], `answer ${i} of ${acked}`).toBeDefined();
      }
    } finally {
      await store.close();
    }
  });
});

describe('a damaged data file', () => {
  async function withOneUserThenDamage() {
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0 });
    store.put(newUserRecord('alice', 'web', new Date()));
    await store.flush();
    // A second snapshot makes the backup (taken before a write) hold Alice.
    store.put({ ...newUserRecord('alice', 'web', new Date()), channel: 'web' });
    await store.flush();
    await store.close();
    writeFileSync(path.join(tmp.dir, DATA_FILE), '{"version": 1, "users": {"alice": ');
  }

  it('is refused with the choices spelled out, and kept aside untouched', async () => {
    await withOneUserThenDamage();
    const error = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(/illisible.*Une copie est gardée.*DATA_RECOVERY=backup repart de la dernière sauvegarde \(du .*\).*DATA_RECOVERY=empty/);
    const kept = readdirSync(tmp.dir).find((f) => f.startsWith(`${DATA_FILE}.corrupt-`));
    expect(kept && readFileSync(path.join(tmp.dir, kept), 'utf8')).toBe('{"version": 1, "users": {"alice": ');
  });

  it('restarts from the backup with DATA_RECOVERY=backup, or empty only when asked', async () => {
    await withOneUserThenDamage();
    const fromBackup = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0, recovery: 'backup' });
    expect(await fromBackup.read('alice')).toBeDefined();
    await fromBackup.close();
    writeFileSync(path.join(tmp.dir, DATA_FILE), 'not json');
    const empty = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0, recovery: 'empty' });
    expect((await empty.ids())).toEqual([]);
    await empty.close();
  });
});

describe('a data directory that cannot be written', () => {
  it('refuses a change when the disk is full, so the turn fails and nothing is half-saved', async () => {
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0 });
    store.put(newUserRecord('alice', 'web', new Date()));
    await store.close();
    // /dev/full answers every write with ENOSPC, as a full disk does.
    const wal = path.join(tmp.dir, WAL_FILE);
    rmSync(wal, { force: true });
    symlinkSync('/dev/full', wal);
    const full = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 60_000 });
    expect(() => full.put({ ...newUserRecord('alice', 'web', new Date()), channel: 'changed' })).toThrow(/ENOSPC/);
    expect((await full.read('alice'))?.channel).toBe('web');
    await full.close();
  });

  it('gives a clear error when the data directory is not a directory', async () => {
    const notADir = path.join(tmp.dir, 'file');
    writeFileSync(notADir, 'x');
    await expect(UserStore.open(path.join(notADir, 'data'), { now: testClock(), flushDelayMs: 0 })).rejects.toThrow(/Impossible de créer le dossier de données/);
  });
});
