import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { killSpawned } from './helpers/child-process.js';
import { crashMidBroadcast } from './helpers/broadcast-crash.js';
import { usePostgres } from './helpers/postgres.js';
import { subscribedTeamsUsers } from './helpers/teams-client.js';
import { tempDir } from './helpers/temp-dir.js';
import { useTeamsServer } from './helpers/test-server.js';

/**
 * Two servers on one PostgreSQL database: the one leading the Thursday broadcast is killed
 * (`kill -9`) in the middle of it; the other completes it, and nobody gets a prompt twice.
 */
const THURSDAY_9H = new Date('2026-12-03T08:00:00Z');
const MONDAY = new Date('2026-11-30T10:00:00Z');

const postgres = usePostgres();
const ctx = useTeamsServer({ lazy: true });
const dirs: Array<ReturnType<typeof tempDir>> = [];
afterEach(async () => {
  await killSpawned();
  for (const dir of dirs.splice(0)) dir.cleanup();
});

describe('a broadcasting server killed in the middle, another on the same database', () => {
  it('completes the broadcast from the other server: every Teams subscriber has exactly one prompt', { timeout: 60_000 }, async () => {
    const url = await postgres.database();
    await ctx.start({ now: MONDAY, env: { DATABASE_URL: url } });
    const users = await subscribedTeamsUsers(() => ctx.user(), 12);
    await ctx.stop();
    const { connector } = ctx;
    connector.clear();

    // The first server (its own data directory) leads, and is killed with 3 sends under way.
    const own = tempDir();
    dirs.push(own);
    await crashMidBroadcast(connector, { DATA_DIR: own.dir, DATABASE_URL: url, AT: THURSDAY_9H.toISOString() });
    expect(connector.sent).toHaveLength(8);

    // The other server (another data directory) leads from its next tick: the 4 never started
    // are sent, the 3 under way when the first died are not sent again (their outcome is unknown).
    const other = await ctx.start({ now: () => new Date('2026-12-03T08:05:00Z'), env: { DATABASE_URL: url } });
    const summary = await other.jeudis.tick(new Date('2026-12-03T08:05:00Z'));
    expect(summary).toMatchObject({ sent: 4 });
    for (const user of users) expect(connector.to(user.conversationId), user.conversationId).toHaveLength(1);
    expect(connector.sent).toHaveLength(12);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const { rows } = await db.query<{ state: string; n: string }>('SELECT state, count(*) AS n FROM deliveries GROUP BY state ORDER BY state');
      expect(rows.map((r) => [r.state, Number(r.n)])).toEqual([
        ['sent', 9],
        ['unknown', 3],
      ]);
    } finally {
      await db.end();
    }
    await other.jeudis.tick(new Date('2026-12-03T09:00:00Z'));
    expect(connector.sent).toHaveLength(12);
  });
});
