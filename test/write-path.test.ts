import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtraDialog } from '../src/conversation/dialog-types.js';
import { UserStore, WAL_FILE } from '../src/infra/storage/user-store.js';
import { Records } from '../src/services/records.js';
import { purgeInactive } from '../src/services/privacy/retention.js';
import { pino } from 'pino';
import { TEST_NOW } from './helpers/clock.js';
import { allText, type Conversation } from './helpers/conversation.js';
import { playSteps, profile, useConversations } from './helpers/conversation-table.js';

const chat = useConversations();

const walLines = () => readFileSync(path.join(chat.dir, WAL_FILE), 'utf8').split('\n').filter((l) => l.trim() !== '');

/** The user has given the profile: an employing association in the Rhône. */
async function onboarded(c: Conversation) {
  await playSteps(c, profile.association());
  return c;
}

/** A step that makes a pairing invitation and logs a question, then fails. */
const failsAfterWriting: ExtraDialog = {
  id: 'fails-after-writing',
  start: () => ({ then: { goto: 'ask' } }),
  steps: {
    ask: {
      prompt: () => [{ text: 'Question piège', choices: [], cards: [] }],
      handle: (ctx) => {
        ctx.services.pairing.createInvite(ctx.user.id, ctx.now);
        throw new Error('step crashed after writing');
      },
    },
  },
};

describe('one write path: a turn writes all it did at once, or nothing', () => {
  it('keeps no invitation made by a turn that then failed', async () => {
    const c = await onboarded(await chat.open({ extraDialogs: [failsAfterWriting] }));
    const user = c.user()!;
    user.dialogStack = [{ dialog: 'fails-after-writing', step: 'ask', data: {}, attempts: 0 }];
    c.store.put(user);
    const replies = await c.say('je continue');
    expect(allText(replies)).toMatch(/souci technique/);
    expect(c.store.invites()).toEqual([]);
  });

  it('writes a turn that pairs two users as one line of the log: the record, the invitation used and the pairing', async () => {
    const alice = await onboarded(await chat.open({ userId: 'alice' }));
    await alice.say('jumelage');
    const invite = await alice.press("Inviter un partenaire");
    const code = /[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(allText(invite))![0];
    const bob = await onboarded(alice.otherUser('bob'));
    await bob.say('jumelage');
    await bob.press("J'ai un code");
    const before = walLines().length;
    await bob.say(code);
    const written = walLines().slice(before);
    expect(written).toHaveLength(1);
    const batch = JSON.parse(written[0]!) as { op: string; changes: Array<{ op: string }> };
    expect(batch.op).toBe('batch');
    expect(batch.changes.map((ch) => ch.op).sort()).toEqual(['invite', 'pairing', 'user']);
    expect(alice.store.pairings()).toHaveLength(1);
  });

  it('replays nothing of a batch whose line a crash cut', async () => {
    const store = await UserStore.open(chat.dir, { flushDelayMs: 10_000, now: () => TEST_NOW });
    const records = new Records(store);
    await records.update('carol', (tx) => tx.save({ ...(tx.stored ?? minimalRecord('carol')), channel: 'web' }));
    await store.close();
    // What a kill -9 in the middle of writing a turn's batch leaves: half a line.
    const full = JSON.stringify({ op: 'batch', changes: [{ op: 'invite', v: { code: 'ABCDEFGH', inviterId: 'carol', createdAt: 'x', expiresAt: 'y' } }] });
    appendFileSync(path.join(chat.dir, WAL_FILE), full.slice(0, full.length - 10));
    const again = await UserStore.open(chat.dir, { flushDelayMs: 10_000, now: () => TEST_NOW });
    expect((await again.read('carol'))).toBeDefined();
    expect(again.invites()).toEqual([]);
    await again.close();
  });

  it('lets one invitation be used once, even when two users type it at the same moment', async () => {
    const alice = await onboarded(await chat.open({ userId: 'alice' }));
    await alice.say('jumelage');
    const code = /[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(allText(await alice.press('Inviter un partenaire')))![0];
    const bob = await onboarded(alice.otherUser('bob'));
    const dan = await onboarded(alice.otherUser('dan'));
    for (const u of [bob, dan]) {
      await u.say('jumelage');
      await u.press("J'ai un code");
    }
    await Promise.all([bob.say(code), dan.say(code)]);
    expect(alice.store.pairings()).toHaveLength(1);
  });

  it('erases an inactive user under their lock, never in the middle of their turn', async () => {
    const c = await onboarded(await chat.open({ userId: 'erin' }));
    const records = new Records(c.store);
    const later = new Date(TEST_NOW.getTime() + 800 * 86_400_000);
    const erased = await purgeInactive(c.store, records, 730, later, pino({ level: 'silent' }));
    expect(erased).toBe(1);
    expect((await c.store.read('erin'))).toBeUndefined();
    expect(c.store.wasErased('erin')).toBe(true);
  });
});

function minimalRecord(id: string) {
  return { id, channel: 'web', createdAt: TEST_NOW.toISOString(), updatedAt: TEST_NOW.toISOString(), profile: { options: {} }, diagnosis: { answers: {} }, method: {}, dialogStack: [], inbox: [], history: [] };
}
