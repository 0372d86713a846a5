import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { erasedKey } from '../src/infra/storage/store-changes.js';
import { StorageError } from '../src/infra/storage/storage-errors.js';
import { USERS_DIR } from '../src/infra/storage/user-files.js';
import { SUBSCRIBERS_FILE } from '../src/infra/storage/subscriber-index.js';
import { DATA_FILE, UserStore } from '../src/infra/storage/user-store.js';
import { pino } from 'pino';
import { createTurnHandler } from '../src/app/create-turn-handler.js';
import { createTemplateRenderer } from '../src/infra/templates/render-template.js';
import { testClock } from './helpers/clock.js';
import { CONTENT_DIR, content } from './helpers/content.js';
import { storedRecord as record } from './helpers/records.js';
import { tempDir } from './helpers/temp-dir.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const fileOf = (id: string) => {
  const h = erasedKey(id);
  return path.join(tmp.dir, USERS_DIR, h.slice(0, 2), `${h}.json`);
};
const userFiles = () => readdirSync(path.join(tmp.dir, USERS_DIR), { recursive: true }).filter((f) => String(f).endsWith('.json'));

describe('the data directory keeps each user in a file of their own', () => {
  it('rewrites only the file of the user who wrote, and a data file that does not grow with the users', async () => {
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 60_000 });
    const batch = store.batch();
    for (let i = 0; i < 2000; i++) batch.put(record(`u${i}`));
    store.commit(batch);
    await store.flush();
    expect(userFiles()).toHaveLength(2000);
    const dataBytes = statSync(path.join(tmp.dir, DATA_FILE)).size;
    expect(dataBytes).toBeLessThan(1_000);
    const before = new Map(userFiles().map((f) => [String(f), statSync(path.join(tmp.dir, USERS_DIR, String(f))).mtimeMs]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    store.put(record('u7', '13'));
    await store.flush();
    const changed = userFiles().filter((f) => statSync(path.join(tmp.dir, USERS_DIR, String(f))).mtimeMs !== before.get(String(f)));
    expect(changed.map((f) => path.join(tmp.dir, USERS_DIR, String(f)))).toEqual([fileOf('u7')]);
    expect(statSync(path.join(tmp.dir, DATA_FILE)).size).toBe(dataBytes);
    expect(JSON.parse(readFileSync(fileOf('u7'), 'utf8')).profile.departement).toBe('13');
    await store.close();
  });

  it('moves the users of a data file written by an earlier version into their files, losing nothing', async () => {
    const old = { version: 1, users: { alice: record('alice', '13'), bob: record('bob', '2A') }, unanswered: [{ text: 'une question', at: '2026-11-23', closest: [] }] };
    writeFileSync(path.join(tmp.dir, DATA_FILE), JSON.stringify(old));
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 60_000 });
    expect((await store.read('alice'))?.profile.departement).toBe('13');
    await store.close();
    expect(JSON.parse(readFileSync(path.join(tmp.dir, DATA_FILE), 'utf8')).users).toEqual({});
    expect(existsSync(fileOf('bob'))).toBe(true);
    const again = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 60_000 });
    expect((await again.read('bob'))?.profile.departement).toBe('2A');
    expect(again.unanswered()).toHaveLength(1);
    await again.close();
  });

  it('refuses to read a damaged user file, says which, leaves it as it is, and serves the others', async () => {
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0 });
    store.put(record('alice'));
    store.put(record('bob'));
    await store.close();
    writeFileSync(fileOf('alice'), '{"id": "alice", ');
    const again = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0 });
    const error = await again.read('alice').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toContain(path.basename(fileOf('alice')));
    expect((await again.read('bob'))?.profile.departement).toBe('69');
    await again.close();
    expect(readFileSync(fileOf('alice'), 'utf8')).toBe('{"id": "alice", ');
  });

  it('keeps the Thursday subscribers apart, and builds that list again from the users’ files when it is missing or damaged', async () => {
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0 });
    const sub = record('sub');
    sub.jeudis = { active: true, hour: 9, timeZone: 'Europe/Paris', since: '2026-11-01T09:00:00.000Z', suggestedTools: [] };
    store.put(sub);
    store.put(record('plain'));
    await store.close();
    const index = path.join(tmp.dir, SUBSCRIBERS_FILE);
    expect(readFileSync(index, 'utf8')).toContain('"sub"');
    expect(readFileSync(index, 'utf8')).not.toContain('"plain"');
    for (const damage of [() => rmSync(index), () => writeFileSync(index, '{"id": "sub", "due": 12}\n')]) {
      damage();
      const again = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0 });
      expect((await again.subscribers()).map((s) => [s.id, s.due.hour])).toEqual([['sub', 9]]);
      await again.close();
    }
  });

  it('starts from empty data with DATA_RECOVERY=empty: the users’ files are set aside, not served', async () => {
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0 });
    store.put(record('alice'));
    await store.close();
    writeFileSync(path.join(tmp.dir, DATA_FILE), 'not json');
    const empty = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0, recovery: 'empty' });
    expect(await empty.read('alice')).toBeUndefined();
    expect(await empty.ids()).toEqual([]);
    await empty.close();
    expect(readdirSync(tmp.dir).some((f) => f.startsWith(`${USERS_DIR}.discarded-`))).toBe(true);
  });
});

describe('a store holding fewer users than are talking', () => {
  it('keeps every answer of ten users taking turns, with room in memory for three', async () => {
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0, cacheSize: 3 });
    const turns = createTurnHandler({ now: testClock(), content, render: createTemplateRenderer(CONTENT_DIR), store, logger: pino({ level: 'silent' }), maxTextLength: 2000, reportUrl: () => 'http://127.0.0.1/bilan/x' });
    const users = Array.from({ length: 10 }, (_, i) => `user-${i}`);
    const say = (id: string, text: string) => turns.handle(id, 'web', { kind: 'message', text });
    for (const text of ['association', 'employeuse', '1', '69', 'diagnostic', '3', '2']) await Promise.all(users.map((id) => say(id, text)));
    expect(store.cachedUsers).toBeLessThanOrEqual(3);
    await store.close();
    const again = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0, cacheSize: 3 });
    for (const id of users) {
      const user = await again.read(id);
      expect(user?.profile.departement, id).toBe('69');
      expect(Object.values(user!.diagnosis.answers).map((a) => a.level), id).toEqual([3, 2]);
    }
    await again.close();
  });
});
