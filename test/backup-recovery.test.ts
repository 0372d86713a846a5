import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newUserRecord } from '../src/domain/user-record.js';
import { DATA_FILE, StorageError, UserStore, WAL_FILE } from '../src/infra/storage/user-store.js';
import { crashCopy, tempDir } from './helpers/temp-dir.js';
import { testClock } from './helpers/clock.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const user = (id: string) => newUserRecord(id, 'web', new Date('2026-11-23T10:00:00Z'));
const question = (text: string) => ({ text, at: '2026-11-23T10:00:00.000Z', closest: [] });

/**
 * Four users acknowledged one after the other, with a snapshot after each of the first three:
 * the backup (taken before the second snapshot) holds only the first; the last is only in the log.
 */
async function fourUsers(dir: string): Promise<UserStore> {
  const store = await UserStore.open(dir, { now: testClock(), flushDelayMs: 60_000 });
  for (const id of ['a', 'b', 'c']) {
    store.put(user(id));
    store.logUnanswered(question(`question ${id}`));
    await store.flush();
  }
  store.put(user('d'));
  store.logUnanswered(question('question d'));
  return store;
}


describe('DATA_RECOVERY=backup', () => {
  it('gives back every acknowledged change: the backup, then the log kept since it (not only since the last snapshot)', async () => {
    const store = await fourUsers(tmp.dir);
    const killed = crashCopy(tmp.dir);
    await store.close();

    for (const dir of [tmp.dir, killed]) {
      writeFileSync(path.join(dir, DATA_FILE), '{"version": 1, "users": {"a": ');
      const events: Array<{ lost?: string }> = [];
      const recovered = await UserStore.open(dir, { now: testClock(), flushDelayMs: 0, recovery: 'backup', onRecovery: (e) => events.push(e) });
      try {
        expect((await recovered.ids()).sort()).toEqual(['a', 'b', 'c', 'd']);
        // Each change once: the log is replayed from where the backup stops, not twice.
        expect(recovered.unanswered().map((q) => q.text)).toEqual(['question a', 'question b', 'question c', 'question d']);
        expect(events).toHaveLength(1);
        expect(events[0]!.lost).toBeUndefined();
      } finally {
        await recovered.close();
      }
      // And the snapshot written after the recovery is whole: a plain restart has everything.
      const restarted = await UserStore.open(dir, { now: testClock(), flushDelayMs: 0 });
      expect((await restarted.ids()).sort()).toEqual(['a', 'b', 'c', 'd']);
      expect(restarted.unanswered()).toHaveLength(4);
      await restarted.close();
    }
  });

  it('says which changes are lost when a piece of the log kept since the backup is missing', async () => {
    const store = await fourUsers(tmp.dir);
    await store.close();
    const kept = readdirSync(tmp.dir).filter((f) => /^compagnon\.wal\.\d+$/.test(f)).sort();
    expect(kept.length).toBeGreaterThanOrEqual(2);
    rmSync(path.join(tmp.dir, kept[0]!));
    writeFileSync(path.join(tmp.dir, DATA_FILE), 'not json');

    const refused = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StorageError);
    expect((refused as Error).message).toMatch(new RegExp(`DATA_RECOVERY=backup repart .*attention : 1 tranche du journal manque \\(${kept[0]!.replace(/\./g, '\\.')}\\) : des changements faits entre la sauvegarde \\(.*\\) et le .* sont perdus`));

    const events: Array<{ lost?: string }> = [];
    const recovered = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0, recovery: 'backup', onRecovery: (e) => events.push(e) });
    expect(events[0]!.lost).toMatch(/1 tranche du journal manque .* sont perdus/);
    await recovered.close();
  });
});

describe('the write-ahead log', () => {
  it('keeps the generations the backup needs, and no older ones, once a new backup is taken', async () => {
    const store = await fourUsers(tmp.dir);
    const generations = () => readdirSync(tmp.dir).filter((f) => /^compagnon\.wal\.\d+$/.test(f)).sort();
    // The backup holds the first snapshot: the two later ones' changes stay in the log.
    expect(generations()).toEqual([`${WAL_FILE}.2`, `${WAL_FILE}.3`]);
    await store.close();
    expect(existsSync(path.join(tmp.dir, `${DATA_FILE}.bak`))).toBe(true);
    // A new process takes a backup at its first snapshot: what it holds leaves the log.
    const next = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 60_000 });
    next.put(user('e'));
    await next.flush();
    expect(generations()).toEqual([`${WAL_FILE}.5`]);
    await next.close();
  });

  it('never numbers a generation again after its file was deleted (a restart replays only what the snapshot lacks)', async () => {
    const store = await fourUsers(tmp.dir);
    await store.close();
    const next = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 60_000 });
    next.put(user('e'));
    await next.flush();
    next.put(user('f'));
    await next.flush();
    next.put(user('g'));
    const killed = crashCopy(tmp.dir);
    await next.close();
    const restarted = await UserStore.open(killed, { now: testClock(), flushDelayMs: 0 });
    expect((await restarted.ids()).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(restarted.replayed).toBe(1);
    expect(restarted.unanswered()).toHaveLength(4);
    await restarted.close();
  });
});
