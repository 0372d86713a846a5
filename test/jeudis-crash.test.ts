import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryJournal, JOURNAL_FILE } from '../src/infra/storage/delivery-journal.js';
import { newUserRecord } from '../src/domain/user-record.js';
import { UserStore } from '../src/infra/storage/user-store.js';
import { killSpawned } from './helpers/child-process.js';
import { crashMidBroadcast } from './helpers/broadcast-crash.js';
import { testClock } from './helpers/clock.js';
import { subscribedTeamsUsers } from './helpers/teams-client.js';
import { useTeamsServer } from './helpers/test-server.js';

const THURSDAY_9H = new Date('2026-12-03T08:00:00Z');
const MONDAY = new Date('2026-11-30T10:00:00Z');

const ctx = useTeamsServer({ lazy: true });
// The broadcast process is killed (with its process group) also when a test fails or times out.
afterEach(() => killSpawned());

describe('a crash in the middle of a Thursday broadcast', () => {
  it('after a restart, every Teams subscriber has had exactly one prompt: nobody twice, nobody missed', async () => {
    // Monday, and a clock that moves on from there as the helpers' clocks do (the server's rate
    // limits read it too: a frozen clock would never refill them).
    await ctx.start({ now: MONDAY });
    const users = await subscribedTeamsUsers(() => ctx.user(), 12);
    await ctx.stop();
    const { connector } = ctx;
    connector.clear();

    // The broadcast runs in its own process, killed with 3 sends under way.
    await crashMidBroadcast(connector, { DATA_DIR: ctx.dir, AT: THURSDAY_9H.toISOString() });
    expect(connector.sent).toHaveLength(8);

    const restarted = await ctx.start({ now: () => new Date('2026-12-03T08:05:00Z') });
    const summary = await restarted.jeudis.tick(new Date('2026-12-03T08:05:00Z'));
    expect(summary).toMatchObject({ sent: 4 });
    for (const user of users) expect(connector.to(user.conversationId), user.conversationId).toHaveLength(1);
    expect(connector.sent).toHaveLength(12);
    const journal = readFileSync(path.join(ctx.dir, JOURNAL_FILE), 'utf8');
    expect(journal.match(/"state":"unknown"/g)).toHaveLength(3);
    // A later tick the same day sends nothing more.
    await restarted.jeudis.tick(new Date('2026-12-03T09:00:00Z'));
    expect(connector.sent).toHaveLength(12);
  });

  it('on the web, sends again a prompt that was not saved before the stop, and not one that was', async () => {
    const store = await UserStore.open(ctx.dir, { now: testClock(), flushDelayMs: 0 });
    const subscriber = (id: string) => ({
      ...newUserRecord(id, 'web', MONDAY),
      profile: { actor: 'association', options: {}, completedAt: MONDAY.toISOString() },
      jeudis: { active: true, hour: 9, timeZone: 'Europe/Paris', since: MONDAY.toISOString(), suggestedTools: [] },
    });
    store.put(subscriber('web-unsaved'));
    store.put({ ...subscriber('web-saved'), jeudis: { ...subscriber('web-saved').jeudis, lastPrompt: '2026-12-03' } });
    await store.close();
    // The stopped process had claimed both deliveries.
    const journal = DeliveryJournal.open(ctx.dir, MONDAY);
    journal.claim(DeliveryJournal.key('2026-12-03', 'web-unsaved'), THURSDAY_9H);
    journal.claim(DeliveryJournal.key('2026-12-03', 'web-saved'), THURSDAY_9H);
    journal.close();

    const server = await ctx.start({ now: () => THURSDAY_9H });
    const summary = await server.jeudis.tick(new Date('2026-12-03T08:05:00Z'));
    expect(summary).toMatchObject({ sent: 1 });
    expect((await server.store.read('web-unsaved'))?.inbox.map((m) => m.key)).toEqual(['jeudis:2026-12-03']);
    expect((await server.store.read('web-saved'))?.inbox).toEqual([]);
  });
});
