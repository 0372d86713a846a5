import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { erasedKey } from '../src/infra/storage/store-changes.js';
import { USERS_DIR } from '../src/infra/storage/user-files.js';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryJournal } from '../src/infra/storage/delivery-journal.js';
import { eraseUserData, exportUserData } from '../src/services/privacy/user-data.js';
import { newUserRecord, type UserRecord } from '../src/domain/user-record.js';
import { DATA_FILE, ErasedUserError, UserStore } from '../src/infra/storage/user-store.js';
import { crashCopy, tempDir } from './helpers/temp-dir.js';
import { testClock } from './helpers/clock.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const NOW = new Date('2026-11-23T10:00:00Z');
const ERASED = 'web-erase-me-7f3a9c51';
/** The user's own words, as they type them in the evaluation's open questions. */
const WORDS = 'Notre alliance Zorglub-Tournesol-8841 avec la mairie';

function withWords(id: string, departement = '69', words = WORDS): UserRecord {
  const r = newUserRecord(id, 'web', NOW);
  r.profile = { actor: 'association', options: {}, departement };
  r.method.evaluation = { answers: { 'synthese-1': words }, at: NOW.toISOString() };
  return r;
}

/** Where the data directory keeps a user's record. */
function userFile(id: string): string {
  const h = erasedKey(id);
  return path.join(USERS_DIR, h.slice(0, 2), `${h}.json`);
}

/** Files of the directory (and below) whose bytes contain any of the needles. */
function filesHolding(dir: string, needles: string[]): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) found.push(...filesHolding(file, needles).map((f) => path.join(name, f)));
    else if (needles.some((n) => readFileSync(file).includes(n))) found.push(name);
  }
  return found.sort();
}

/** The user as they were before the erasure: a snapshot, a backup and the log all hold them. */
async function userEverywhere(store: UserStore, journal: DeliveryJournal) {
  store.put(withWords('bob', '13', 'Les mots de Bob'));
  store.put(withWords(ERASED));
  await store.flush();
  // The second snapshot copies the first (with the user) to the backup.
  store.put({ ...withWords(ERASED), updatedAt: '2026-11-23T10:05:00.000Z' });
  await store.flush();
  // And the log holds what followed.
  store.put({ ...withWords(ERASED), updatedAt: '2026-11-23T10:06:00.000Z' });
  store.putInvite({ code: 'K7M2P9QX', inviterId: ERASED, createdAt: NOW.toISOString(), expiresAt: '2026-11-30T10:00:00.000Z' });
  const key = DeliveryJournal.key('2026-11-19', ERASED);
  journal.claim(key, NOW);
  journal.record(key, 'sent', NOW);
  // The record in its own file (see UserFiles), the rest in the log and the journal.
  expect(filesHolding(tmp.dir, [WORDS, ERASED])).toEqual(expect.arrayContaining([userFile(ERASED), 'compagnon.wal', 'jeudis-deliveries.ndjson']));
}

describe('erasing a user (« supprimer mes données », retention)', () => {
  it('leaves no trace of them in the snapshot, the backup, the log and its generations, or the Thursday journal', async () => {
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 60_000 });
    const journal = DeliveryJournal.open(tmp.dir, NOW);
    await userEverywhere(store, journal);

    eraseUserData(store, journal, ERASED, NOW);
    await store.flush();
    expect(filesHolding(tmp.dir, [WORDS, ERASED])).toEqual([]);
    expect((await store.read(ERASED))).toBeUndefined();
    expect(await exportUserData(store, journal, ERASED, NOW)).toBeUndefined();
    expect(store.invites()).toEqual([]);
    expect((await store.read('bob'))?.profile.departement).toBe('13');
    // Other users' changes go on being logged as before.
    store.put(withWords('carol', '75', 'Les mots de Carol'));
    expect(filesHolding(tmp.dir, [ERASED])).toEqual([]);
    await store.close();
    journal.close();

    // The data file is damaged: starting from the backup does not bring the user back.
    writeFileSync(path.join(tmp.dir, DATA_FILE), '{"version": 1, "users": {');
    const recovered = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0, recovery: 'backup' });
    try {
      expect((await recovered.read(ERASED))).toBeUndefined();
      expect(recovered.wasErased(ERASED)).toBe(true);
      expect((await recovered.read('bob'))).toBeDefined();
      expect((await recovered.read('carol'))).toBeDefined();
    } finally {
      await recovered.close();
    }
  });

  it('is remembered (a hash of the id) across a restart, a kill before the snapshot, and a recovery from the backup', async () => {
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 60_000 });
    const journal = DeliveryJournal.open(tmp.dir, NOW);
    await userEverywhere(store, journal);
    eraseUserData(store, journal, ERASED, NOW);
    // A kill -9 right after the erasure was logged, before its snapshot: the files as they are now.
    const killed = crashCopy(tmp.dir);
    expect(store.wasErased(ERASED)).toBe(true);
    expect(store.wasErased('bob')).toBe(false);
    await store.close();
    journal.close();
    // Only a hash of the id is kept, with the date.
    const onDisk = JSON.parse(readFileSync(path.join(tmp.dir, DATA_FILE), 'utf8')) as { erased: Record<string, string> };
    expect(Object.values(onDisk.erased)).toEqual([NOW.toISOString()]);
    expect(Object.keys(onDisk.erased)[0]).toMatch(/^[0-9a-f]{64}$/);

    const replayed = await UserStore.open(killed, { now: testClock(), flushDelayMs: 0 });
    expect(replayed.replayed).toBeGreaterThan(0);
    expect(await replayed.read(ERASED)).toBeUndefined();
    expect(replayed.wasErased(ERASED)).toBe(true);
    await replayed.close();

    const restarted = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0 });
    expect(restarted.wasErased(ERASED)).toBe(true);
    await restarted.close();

    writeFileSync(path.join(tmp.dir, DATA_FILE), 'not json');
    const recovered = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0, recovery: 'backup' });
    expect(recovered.wasErased(ERASED)).toBe(true);
    await recovered.close();
  });

  it('refuses a record under the erased id, so that links issued before stay dead', async () => {
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0 });
    store.put(withWords(ERASED));
    eraseUserData(store, undefined, ERASED, NOW);
    expect(() => store.put(newUserRecord(ERASED, 'web', new Date()))).toThrow(ErasedUserError);
    expect((await store.read(ERASED))).toBeUndefined();
    // A user never stored can be erased too (their id is refused from then on).
    eraseUserData(store, undefined, 'web-never-stored', NOW);
    expect(() => store.put(newUserRecord('web-never-stored', 'web', new Date()))).toThrow(ErasedUserError);
    store.put(newUserRecord('someone-else', 'web', new Date()));
    await store.close();
  });

  it('forgets an erasure after 400 days', async () => {
    const store = await UserStore.open(tmp.dir, { now: () => NOW, flushDelayMs: 0 });
    eraseUserData(store, undefined, 'long-ago', new Date(NOW.getTime() - 401 * 86_400_000));
    eraseUserData(store, undefined, 'recently', new Date(NOW.getTime() - 399 * 86_400_000));
    await store.close();
    const again = await UserStore.open(tmp.dir, { now: () => NOW, flushDelayMs: 0 });
    expect(again.wasErased('long-ago')).toBe(false);
    expect(again.wasErased('recently')).toBe(true);
    await again.close();
  });
});
