import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTurnHandler } from '../src/app/create-turn-handler.js';
import { createTemplateRenderer } from '../src/infra/templates/render-template.js';
import { newUserRecord } from '../src/domain/user-record.js';
import { erasedKey } from '../src/infra/storage/store-changes.js';
import { USERS_DIR } from '../src/infra/storage/user-files.js';
import { DEFAULT_MAX_RECORD_BYTES, MAX_INBOX, RecordTooLargeError, StorageError, UserStore, WAL_FILE } from '../src/infra/storage/user-store.js';
import { allText, CONTENT_DIR, content, Conversation, plainSpaces, testReportLinks } from './helpers/conversation.js';
import { tempDir } from './helpers/temp-dir.js';
import { testClock } from './helpers/clock.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const walBytes = () => statSync(path.join(tmp.dir, WAL_FILE)).size;

describe('the size of a user record', () => {
  it('is capped: a larger record is refused with RecordTooLargeError before anything is written', async () => {
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 60_000 });
    const user = newUserRecord('alice', 'web', new Date('2026-11-23T10:00:00Z'));
    user.method.evaluation = { answers: { bilan: 'court' }, at: user.createdAt };
    store.put(user);
    const logged = walBytes();
    const huge = structuredClone(user);
    huge.method.evaluation = { answers: { bilan: 'x'.repeat(DEFAULT_MAX_RECORD_BYTES) }, at: user.createdAt };
    const error = (() => {
      try {
        store.put(huge);
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(RecordTooLargeError);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ limit: DEFAULT_MAX_RECORD_BYTES });
    expect((error as RecordTooLargeError).bytes).toBeGreaterThan(DEFAULT_MAX_RECORD_BYTES);
    expect(walBytes()).toBe(logged);
    expect((await store.read('alice'))).toEqual(user);
    await store.close();
    const again = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0 });
    expect((await again.read('alice'))).toEqual(user);
    await again.close();
  });

  it('keeps only the last MAX_INBOX messages waiting in the inbox', async () => {
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0, maxRecordBytes: 1_000_000 });
    const user = newUserRecord('away', 'web', new Date('2026-11-23T10:00:00Z'));
    for (let i = 1; i <= 60; i++) user.inbox.push({ key: `jeudis:${i}`, text: `prompt ${i}`, choices: [], cards: [] });
    store.put(user);
    expect((await store.read('away'))!.inbox.map((m) => m.key)).toEqual(Array.from({ length: MAX_INBOX }, (_, i) => `jeudis:${51 + i}`));
    await store.close();
  });

  it('refuses the turn that would pass it with a French message and the pending question; nothing is lost and the user goes on', async () => {
    // A company at the evaluation's open question (« Écrivez votre réponse »).
    const c = await Conversation.open(tmp.dir);
    await c.connect();
    await c.press(/^Entreprise/);
    await c.press(/PME/);
    await c.say('13');
    await c.say('évaluer un partenariat');
    for (const answer of ['Oui', 'En partie', 'Non', 'Oui', 'Oui', 'En partie', 'Oui', 'Non', 'Je ne sais pas', 'Non', 'Oui']) await c.press(answer);
    expect(c.lastText()).toMatch(/Écrivez votre réponse/);
    await c.store.close();

    // The same data with a cap just above this record: a long answer passes it, a short one does not.
    const h = erasedKey(c.userId);
    const before = JSON.parse(readFileSync(path.join(tmp.dir, USERS_DIR, h.slice(0, 2), `${h}.json`), 'utf8'));
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 60_000, maxRecordBytes: Buffer.byteLength(JSON.stringify(before)) + 300 });
    const logs: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const turns = createTurnHandler({
      now: testClock(),
      content,
      render: createTemplateRenderer(CONTENT_DIR),
      store,
      logger: pino({ level: 'error' }, sink),
      maxTextLength: 2000,
      reportUrl: (userId, now) => `http://127.0.0.1:3978/bilan/${testReportLinks.issue(userId, now)}`,
    });
    const logged = walBytes();
    const refused = await turns.handle(c.userId, 'test', { kind: 'message', text: `Notre partenariat ${'a'.repeat(470)}` });
    const text = plainSpaces(allText(refused));
    expect(text).toMatch(/Je n'ai pas pu enregistrer ce message : les données de notre conversation sont devenues trop volumineuses/);
    expect(text).toMatch(/rien de ce que vous m'aviez déjà dit n'est perdu/);
    // The question that was pending, not the one the refused answer led to.
    expect(text).toMatch(/Question 13\/14[^]*Écrivez votre réponse/);
    expect(refused[0]!.text).toContain('message\u00a0: les');
    expect(walBytes()).toBe(logged);
    expect((await store.read(c.userId))).toEqual(before);
    expect(logs).toEqual([expect.objectContaining({ msg: 'turn refused: user record too large', userId: c.userId, limit: expect.any(Number), bytes: expect.any(Number), dialog: 'evaluation' })]);

    const next = await turns.handle(c.userId, 'test', { kind: 'message', text: 'Il complète notre politique RSE.' });
    expect(allText(next)).not.toMatch(/volumineuses|souci technique/);
    expect(allText(next)).toMatch(/Question 14\/14/);
    expect(walBytes()).toBeGreaterThan(logged);
    expect(JSON.stringify((await store.read(c.userId)))).toContain('Il complète notre politique RSE.');
    await store.close();
  });
});
