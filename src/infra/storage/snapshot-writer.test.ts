import { existsSync, mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crashCopy, tempDir } from '../../../test/helpers/temp-dir.js';
import type { Invite } from '../../domain/user-record.js';
import { testClock } from '../../../test/helpers/clock.js';
import { UserStore } from './user-store.js';
import { storedRecord as record } from '../../../test/helpers/records.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

/** A pairing invitation (the data file's part that grows with use; users have files of their own). */
function invite(code: string, inviterId = 'someone'): Invite {
  return { code, inviterId, createdAt: '2026-11-23T10:00:00.000Z', expiresAt: '2026-11-30T10:00:00.000Z' };
}

/** Enough invitations for the snapshot to take many chunks. */
async function storeWith(count: number) {
  const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 60_000 });
  const batch = store.batch();
  for (let i = 0; i < count; i++) batch.putInvite(invite(`u${i}`));
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
    expect(Object.keys(JSON.parse(readFileSync(store.file, 'utf8')).invites)).toHaveLength(5000);
    expect(longest).toBeLessThan(size / 100);
    await store.close();
  });

  it('writes the database as it was when the snapshot began; changes made meanwhile go to the log and survive a restart', async () => {
    const store = await storeWith(3000);
    const flushing = store.flush();
    // The snapshot begins within the microtasks of flush(): a turn later, it has begun (its
    // generation is set aside) and is being written; these changes come after it.
    await new Promise((resolve) => setImmediate(resolve));
    store.putInvite(invite('u1', 'changed'));
    store.putInvite(invite('late'));
    store.deleteInvite('u2');
    store.put(record('a user', '2A'));
    await flushing;
    const onDisk = JSON.parse(readFileSync(store.file, 'utf8'));
    expect(onDisk.invites.u1.inviterId).toBe('someone');
    expect(onDisk.invites.late).toBeUndefined();
    expect(onDisk.invites.u2).toBeDefined();
    expect(existsSync(`${store.file}.tmp`)).toBe(false);
    // A crash now (the data directory as it is, no other snapshot): the log brings the changes back.
    const crashed = crashCopy(tmp.dir, 'crashed');
    await store.close();
    const again = await UserStore.open(crashed, { now: testClock(), flushDelayMs: 60_000 });
    expect(again.getInvite('u1')?.inviterId).toBe('changed');
    expect(again.getInvite('late')).toBeDefined();
    expect(again.getInvite('u2')).toBeUndefined();
    expect((await again.read('a user'))?.profile.departement).toBe('2A');
    expect(again.replayed).toBe(4);
    await again.close();
  });

  it('keeps the previous file whole when a snapshot cannot be written, and writes it once it can', async () => {
    const store = await storeWith(10);
    await store.flush();
    const before = readFileSync(store.file, 'utf8');
    store.putInvite(invite('u1', 'changed'));
    // The temporary file cannot be created (a directory is in the way): the snapshot fails.
    mkdirSync(`${store.file}.tmp`);
    await expect(store.flush()).rejects.toThrow();
    expect(readFileSync(store.file, 'utf8')).toBe(before);
    rmdirSync(`${store.file}.tmp`);
    await store.flush();
    expect(JSON.parse(readFileSync(store.file, 'utf8')).invites.u1.inviterId).toBe('changed');
    await store.close();
  });
});
