import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryJournal, JOURNAL_FILE } from '../src/infra/storage/delivery-journal.js';
import { newUserRecord } from '../src/domain/user-record.js';
import { UserStore } from '../src/infra/storage/user-store.js';
import { killSpawned, spawnTsx } from './helpers/child-process.js';
import { testClock } from './helpers/clock.js';
import { content } from './helpers/conversation.js';
import { FakeConnector } from './helpers/fake-connector.js';
import { startTestServer } from './helpers/server.js';
import { onboardInTeams, TeamsUser } from './helpers/teams-client.js';
import { tempDir } from './helpers/temp-dir.js';

const THURSDAY_9H = new Date('2026-12-03T08:00:00Z');
const MONDAY = new Date('2026-11-30T10:00:00Z');
const { labels } = content.ui;

let connector: FakeConnector;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  connector = await FakeConnector.start();
});
afterAll(() => connector.close());
beforeEach(() => {
  tmp = tempDir();
  connector.clear();
});
// The broadcast process is killed (with its process group) also when a test fails or times out.
afterEach(async () => {
  await killSpawned();
  tmp.cleanup();
});

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timeout: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a crash in the middle of a Thursday broadcast', () => {
  it('after a restart, every Teams subscriber has had exactly one prompt: nobody twice, nobody missed', async () => {
    // Monday, and a clock that moves on from there as the helpers' clocks do (the server's rate
    // limits read it too: a frozen clock would never refill them).
    const setup = await startTestServer(tmp.dir, {}, { now: testClock(MONDAY) });
    const endpoint = new URL('/api/messages', setup.url).toString();
    const users: TeamsUser[] = [];
    for (let i = 0; i < 12; i++) {
      const user = new TeamsUser(endpoint, connector);
      await onboardInTeams(user);
      await user.say('jeudis');
      await user.press(labels.jeudisSubscribe);
      await user.press('9 h');
      users.push(user);
    }
    await setup.close();
    connector.clear();

    // The broadcast runs in its own process with 3 sends at a time; after 5 answered sends the
    // connector holds the answers, so that the 3 sends under way have left when it is killed.
    connector.holdAfterSends(5);
    // node itself (not the tsx wrapper, whose child would survive the kill) with tsx's loader.
    const child = spawnTsx('test/fixtures/jeudis-tick-child.ts', [], {
      env: { ...process.env, DATA_DIR: tmp.dir, AT: THURSDAY_9H.toISOString(), CONCURRENCY: '3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await waitUntil(() => connector.heldCount() === 3, 'three sends held');
    child.kill('SIGKILL');
    await exited;
    connector.release();
    expect(connector.sent).toHaveLength(8);

    const restarted = await startTestServer(tmp.dir, {}, { now: () => new Date('2026-12-03T08:05:00Z') });
    try {
      const summary = await restarted.jeudis.tick(new Date('2026-12-03T08:05:00Z'));
      expect(summary).toMatchObject({ sent: 4 });
      for (const user of users) expect(connector.to(user.conversationId), user.conversationId).toHaveLength(1);
      expect(connector.sent).toHaveLength(12);
      const journal = readFileSync(path.join(tmp.dir, JOURNAL_FILE), 'utf8');
      expect(journal.match(/"state":"unknown"/g)).toHaveLength(3);
      // A later tick the same day sends nothing more.
      await restarted.jeudis.tick(new Date('2026-12-03T09:00:00Z'));
      expect(connector.sent).toHaveLength(12);
    } finally {
      await restarted.close();
    }
  });

  it('on the web, sends again a prompt that was not saved before the stop, and not one that was', async () => {
    const store = await UserStore.open(tmp.dir, { flushDelayMs: 0 });
    const subscriber = (id: string) => ({
      ...newUserRecord(id, 'web', MONDAY),
      profile: { actor: 'association', options: {}, completedAt: MONDAY.toISOString() },
      jeudis: { active: true, hour: 9, timeZone: 'Europe/Paris', since: MONDAY.toISOString(), suggestedTools: [] },
    });
    store.put(subscriber('web-unsaved'));
    store.put({ ...subscriber('web-saved'), jeudis: { ...subscriber('web-saved').jeudis, lastPrompt: '2026-12-03' } });
    await store.close();
    // The stopped process had claimed both deliveries.
    const journal = DeliveryJournal.open(tmp.dir, MONDAY);
    journal.claim(DeliveryJournal.key('2026-12-03', 'web-unsaved'), THURSDAY_9H);
    journal.claim(DeliveryJournal.key('2026-12-03', 'web-saved'), THURSDAY_9H);
    journal.close();

    const server = await startTestServer(tmp.dir, {}, { now: () => THURSDAY_9H });
    try {
      const summary = await server.jeudis.tick(new Date('2026-12-03T08:05:00Z'));
      expect(summary).toMatchObject({ sent: 1 });
      expect(server.store.get('web-unsaved')?.inbox.map((m) => m.key)).toEqual(['jeudis:2026-12-03']);
      expect(server.store.get('web-saved')?.inbox).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
