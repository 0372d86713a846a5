import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { USERS_DIR } from '../src/infra/storage/user-files.js';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageError, UserStore } from '../src/infra/storage/user-store.js';
import { TEST_NOW, testClock } from './helpers/clock.js';
import { tempDir } from './helpers/temp-dir.js';
import { storedRecord as record } from './helpers/records.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

describe('UserStore', () => {
  it('keeps users across a reopen of the data file', async () => {
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 10 });
    store.put(record('a'));
    await store.close();
    const again = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 10 });
    expect((await again.read('a'))?.profile.departement).toBe('69');
  });

  it('coalesces a burst of 500 turns into a handful of file writes', async () => {
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 50 });
    for (let i = 0; i < 500; i++) store.put(record(`u${i % 50}`, String((i % 90) + 1).padStart(2, '0')));
    await store.flush();
    expect(store.writes).toBeLessThanOrEqual(2);
    // One file per user, each written once however many turns it had.
    const files = readdirSync(path.join(tmp.dir, USERS_DIR), { recursive: true }).filter((f) => String(f).endsWith('.json'));
    expect(files).toHaveLength(50);
    expect(await store.ids()).toHaveLength(50);
  });

  it('hands out copies, so a failed turn that changed its copy leaves the stored user intact', async () => {
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 10 });
    store.put(record('a'));
    const copy = (await store.read('a'))!;
    copy.profile.departement = '13';
    expect((await store.read('a'))?.profile.departement).toBe('69');
    await store.close();
  });

  it('writes through a temporary file and a rename, never leaving a half-written file', async () => {
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0 });
    const big = Array.from({ length: 2000 }, (_, i) => record(`user-${i}`));
    const reads: string[] = [];
    for (const r of big) store.put(r);
    const flushing = store.flush();
    // Read the file repeatedly while it is being written: each read is either absent or whole JSON.
    while (reads.length < 50) {
      if (existsSync(store.file)) reads.push(readFileSync(store.file, 'utf8'));
      await new Promise((r) => setImmediate(r));
    }
    await flushing;
    for (const text of reads) expect(() => JSON.parse(text)).not.toThrow();
  });

  it('refuses to open a corrupted data file with a clear message and leaves it untouched', async () => {
    const file = path.join(tmp.dir, 'compagnon.json');
    writeFileSync(file, '{"version":1,"users":{"a":');
    await expect(UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 10 })).rejects.toThrow(StorageError);
    await expect(UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 10 })).rejects.toThrow(/illisible.*Une copie est gardée/);
    expect(readFileSync(file, 'utf8')).toBe('{"version":1,"users":{"a":');
  });

  it('refuses a data file that does not match the schema, naming the path', async () => {
    writeFileSync(path.join(tmp.dir, 'compagnon.json'), JSON.stringify({ version: 1, users: { a: { id: 42 } } }));
    await expect(UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 10 })).rejects.toThrow(/\$\.users\.a\.id/);
  });

  it('keeps only the last 10,000 unanswered questions for content authors', async () => {
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 10 });
    for (let i = 0; i < 10_005; i++) store.logUnanswered({ text: `question ${i}`, at: 'x', closest: [] });
    const kept = store.unanswered();
    expect(kept).toHaveLength(10_000);
    expect(kept[0]!.text).toBe('question 5');
    expect(kept.at(-1)!.text).toBe('question 10004');
    await store.close();
  });
});

describe('a new user record', () => {
  it('shares nothing with the next new user (zod defaults are the same objects each time)', async () => {
    const { newUserRecord } = await import('../src/domain/user-record.js');
    const first = newUserRecord('first', 'web', TEST_NOW);
    first.diagnosis.answers['numerique'] = { level: 1, at: 'now' };
    first.profile.options['taille'] = 'pme';
    first.dialogStack.push({ dialog: 'welcome', step: 'hello', data: {}, attempts: 0 });
    first.inbox.push({ key: 'k', text: 't', choices: [], cards: [] });
    const second = newUserRecord('second', 'web', TEST_NOW);
    expect(second.diagnosis.answers).toEqual({});
    expect(second.profile.options).toEqual({});
    expect(second.dialogStack).toEqual([]);
    expect(second.inbox).toEqual([]);
  });
});
