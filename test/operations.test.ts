import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserStore } from '../src/infra/storage/user-store.js';
import { killSpawned } from './helpers/child-process.js';
import { startMain as startMainIn, urlOf } from './helpers/main-process.js';
import { tempDir } from './helpers/temp-dir.js';
import { cookieUserId, newWebVisitor, onboardOnWeb } from './helpers/web-client.js';
import { testClock } from './helpers/clock.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
// Every server this file started is killed (with its process group), also after a failure or a
// timeout, before its data directory is removed.
afterEach(async () => {
  await killSpawned();
  tmp.cleanup();
});

/** The real process on this test's data directory. */
const startMain = (env: Record<string, string>) => startMainIn(tmp.dir, env);

describe('operations', () => {
  it('logs JSON, is ready, and on SIGTERM finishes the turn under way, saves it and exits cleanly', async () => {
    const main = startMain({});
    const url = await urlOf(main);
    const ready = await fetch(new URL('/readyz', url));
    expect(ready.status).toBe(200);
    expect((await fetch(new URL('/healthz', url))).status).toBe(200);

    const { client } = await newWebVisitor(url);
    await onboardOnWeb(client);
    const before = client.messages().length;
    client.send({ type: 'message', text: 'diagnostic' });
    main.child.kill('SIGTERM');
    expect(await main.exit).toBe(0);
    expect(client.messages().slice(before).map((m) => m.text).join('\n')).toContain('Besoin 1/7');
    client.close();

    for (const line of main.lines) expect(JSON.parse(line)).toMatchObject({ level: expect.any(Number), msg: expect.any(String) });
    expect(main.lines.some((l) => /shutting down/.test(l))).toBe(true);
    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0 });
    const [user] = await Promise.all((await store.ids()).map(async (id) => (await store.read(id))!));
    expect(user?.profile.actor).toBe('association');
    expect(user?.dialogStack.at(-1)?.dialog).toBe('diagnosis');
    await store.close();
  });

  it('killed with kill -9 while many users answer, restarts with every answer it had acknowledged', async () => {
    const main = startMain({});
    const url = await urlOf(main);
    const acked = new Map<string, number>();
    let total = 0;
    let killed = false;
    const kill = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (total >= 60) {
          clearInterval(check);
          killed = true;
          main.child.kill('SIGKILL');
          resolve();
        }
      }, 2);
    });
    const users = Array.from({ length: 20 }, async () => {
      let client: Awaited<ReturnType<typeof newWebVisitor>>['client'] | undefined;
      try {
        const visitor = await newWebVisitor(url);
        client = visitor.client;
        const userId = cookieUserId(visitor.cookie);
        await onboardOnWeb(client);
        await client.ask('diagnostic');
        for (let i = 0; i < 7 && !killed; i++) {
          await client.press(/^3 ·/);
          // The reply has arrived: this answer is acknowledged.
          acked.set(userId, i + 1);
          total += 1;
        }
      } catch {
        // The server was killed mid-turn: that answer was never acknowledged.
      } finally {
        client?.close();
      }
    });
    await kill;
    await main.exit;
    await Promise.all(users);
    expect(total).toBeGreaterThanOrEqual(60);

    const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0 });
    try {
      for (const [userId, count] of acked) {
        expect(Object.keys((await store.read(userId))?.diagnosis.answers ?? {}).length, userId).toBeGreaterThanOrEqual(count);
      }
    } finally {
      await store.close();
    }
  });

  it('refuses to start on bad configuration, with one clear line per problem', async () => {
    const main = startMain({ PORT: 'abc', LOG_LEVEL: 'verbose' });
    expect(await main.exit).toBe(1);
    expect(main.stderr()).toMatch(/PORT="abc" : doit être un nombre/);
    expect(main.stderr()).toMatch(/LOG_LEVEL="verbose" : doit être/);
  });

  it('refuses to start a second server on the same data directory', async () => {
    const first = startMain({});
    await urlOf(first);
    const second = startMain({});
    expect(await second.exit).toBe(1);
    expect(second.stderr()).toMatch(/déjà utilisé par un autre processus/);
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
  });
});
