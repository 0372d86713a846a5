import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StartOptions } from '../src/app/start-server.js';
import type { UserStoreOptions } from '../src/infra/storage/user-store.js';
import type { JeudisSchedulerDeps } from '../src/services/jeudis/jeudis-scheduler.js';
import { TEST_NOW, testClock } from './helpers/clock.js';
import { content } from './helpers/conversation.js';
import { useTestServer } from './helpers/test-server.js';
import { onboardOnWeb } from './helpers/web-client.js';

// No test may depend on the day it runs: the helpers' clocks start at TEST_NOW whatever the
// machine's date (here set to days whose next Thursday is in « août » or « février »).
const MACHINE_DATES = ['2027-08-03T10:00:00Z', '2028-02-01T10:00:00Z'];

// The machine's date comes back once the server is closed.
afterEach(() => {
  vi.useRealTimers();
});
const ctx = useTestServer({ lazy: true });

describe('the test clock', () => {
  it('starts at TEST_NOW and moves on with the time that passes, not with the machine’s date', async () => {
    vi.setSystemTime(new Date(MACHINE_DATES[0]!));
    const now = testClock();
    expect(now().getTime() - TEST_NOW.getTime()).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(now().getTime() - TEST_NOW.getTime()).toBeGreaterThanOrEqual(25);
    const other = new Date('2027-02-02T09:00:00+01:00');
    expect(testClock(other)().getTime() - other.getTime()).toBeLessThan(1000);
  });

  it('is never optional: a part that reads « now » without being given a clock does not compile (npm test runs tsc)', () => {
    // @ts-expect-error the server is started with a clock (realClock in src/app/main.ts, a test's day here)
    const server: StartOptions = {};
    // @ts-expect-error the store dates what it keeps aside and ages the erasures with one
    const store: UserStoreOptions = { flushDelayMs: 0 };
    type SchedulerClock = JeudisSchedulerDeps['now'];
    // @ts-expect-error the Thursday scheduler too
    const scheduler: SchedulerClock = undefined;
    expect([server, store, scheduler]).toHaveLength(3);
  });

  it.each(MACHINE_DATES)('keeps the test server on TEST_NOW on a machine dated %s: turns and report page', async (machineDate) => {
    vi.setSystemTime(new Date(machineDate));
    await ctx.start();
    const { client } = await ctx.visitor();
    await onboardOnWeb(client);
    await client.ask('jeudis');
    await client.press(new RegExp(content.ui.labels.jeudisSubscribe));
    const done = await client.press(/^10 h$/);
    expect(done.map((f) => f.text).join('\n')).toContain('Premier message jeudi 3 décembre à 10 h.');
    const link = (await client.ask('mon bilan')).flatMap((f) => f.cards ?? []).map((c) => c.url ?? '').find((u) => u.includes('/bilan/'))!;
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('établi le 1er décembre 2026');
  });
});
