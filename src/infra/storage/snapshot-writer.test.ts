import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp-dir.js';
import { testClock } from '../../../test/helpers/clock.js';
import { UserStore } from './user-store.js';
import { storedRecord as record } from '../../../test/helpers/records.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

/** Enough users for the snapshot to take many chunks. */
async function storeWith(count: number) {
  const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 60_000 });
  const batch = store.batch();
  for (let i = 0; i < count; i++) batch.put(record(`u${i}`));
  store.commit(batch);
  return store;
}

describe('the snapshot of the embedded store', () => {
  it('never serialises the whole database in one go: a large snapshot is written a chunk at a time', async () => {
    const store = await storeWith(5000);
    // The longest string serialised at once is how long the event loop is held (the bench
    // store-scale.ts measures the wait it caused another user: p99 143 ms at 10,000 users before).
    const stringify = JSON.stringify;
    let longest = 0;
    JSON.stringify = ((...args: Parameters<typeof stringify>) => {
      const out = stringify(...args);
      longest = Math.max(longest, out?.length ?? 0);
      return out;
    }) as typeof stringify;
    try {
      await store.flush();
    } finally {
      JSON.stringify = stringify;
    }
    const size = readFileSync(store.file, 'utf8').length;
    expect(Object.keys(JSON.parse(readFileSync(store.file, 'utf8')).users)).toHaveLength(5000);
    expect(longest).toBeLessThan(size / 100);
    await store.close();
  });

  it('writes the database as it was when the snapshot began; changes made meanwhile go to the log and survive a restart', async () => {
    const store = await storeWith(3000);
    const flushing = store.flush();
    // The snapshot begins within the microtasks of flush(): a turn later, it has begun (its
    // generation is set aside) and is being written; these changes come after it.
    await new Promise((resolve) => setImmediate(resolve));
    store.put(record('u1', '13'));
    store.put(record('late', '2A'));
    store.delete('u2');
    await flushing;
    const onDisk = JSON.parse(readFileSync(store.file, 'utf8'));
    expect(onDisk.users.u1.profile.departement).toBe('69');
    expect(onDisk.users.late).toBeUndefined();
    expect(onDisk.users.u2).toBeDefined();
    expect(existsSync(`${store.file}.tmp`)).toBe(false);
    // A crash now (the data directory as it is, no other snapshot): the log brings the changes back.
    const crashed = path.join(tmp.dir, 'crashed');
    mkdirSync(crashed);
    for (const name of readdirSync(tmp.dir).filter((n) => n.startsWith('compagnon.'))) copyFileSync(path.join(tmp.dir, name), path.join(crashed, name));
    await store.close();
    const again = await UserStore.open(crashed, { now: testClock(), flushDelayMs: 60_000 });
    expect(again.get('u1')?.profile.departement).toBe('13');
    expect(again.get('late')?.profile.departement).toBe('2A');
    expect(again.get('u2')).toBeUndefined();
    expect(again.replayed).toBe(3);
    await again.close();
  });

  it('keeps the previous file whole when a snapshot cannot be written, and writes it once it can', async () => {
    const store = await storeWith(10);
    await store.flush();
    const before = readFileSync(store.file, 'utf8');
    store.put(record('u1', '13'));
    // The temporary file cannot be created (a directory is in the way): the snapshot fails.
    mkdirSync(`${store.file}.tmp`);
    await expect(store.flush()).rejects.toThrow();
    expect(readFileSync(store.file, 'utf8')).toBe(before);
    rmdirSync(`${store.file}.tmp`);
    await store.flush();
    expect(JSON.parse(readFileSync(store.file, 'utf8')).users.u1.profile.departement).toBe('13');
    await store.close();
  });
});
