import type { TurnContext } from 'botbuilder';
import express from 'express';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TeamsAdapter } from '../src/channels/teams/teams-adapter.js';
import { FLOOD_NOTICE } from '../src/channels/teams/teams-channel.js';
import { mountTeamsEndpoint } from '../src/channels/teams/teams-endpoint.js';
import { FakeConnector } from './helpers/fake-connector.js';
import { LogCapture } from './helpers/server.js';
import { TeamsUser, text } from './helpers/teams-client.js';
import { useTeamsServer } from './helpers/test-server.js';

describe('a Teams user who floods the bot (the endpoint alone)', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await FakeConnector.start();
  });
  afterAll(() => connector.close());

  let clock = 0;
  let logs: LogCapture;
  let turns: Array<{ user: string; notice: boolean }>;
  let close: () => Promise<unknown>;
  let url: string;

  beforeEach(async () => {
    clock = 1_000_000;
    logs = new LogCapture();
    turns = [];
    const app = express();
    mountTeamsEndpoint(app, {
      adapter: new TeamsAdapter({}),
      logic: async (context: TurnContext) => void turns.push({ user: context.activity.from.id, notice: context.turnState.get(FLOOD_NOTICE) === true }),
      logger: logs.logger,
      devMode: true,
      flood: { burst: 3, perSecond: 0.1 },
      now: () => new Date(clock),
    });
    const http = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => http.once('listening', resolve));
    url = `http://127.0.0.1:${(http.address() as { port: number }).port}/api/messages`;
    close = () => new Promise((resolve) => http.close(resolve));
  });
  afterEach(() => close());

  it('takes a burst, passes the first activity over it on with a notice flag, drops the rest before the turn, and logs once', async () => {
    const flooder = new TeamsUser(url, connector);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await flooder.say(`message ${i}`)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(turns.map((t) => t.notice)).toEqual([false, false, false, true]);
    expect(logs.find(/flood/)).toHaveLength(1);
    expect(logs.find(/flood/)[0]).toMatchObject({ userId: `msteams:${flooder.tenantId}:${flooder.aadObjectId}` });

    // Others are not affected.
    const other = new TeamsUser(url, connector);
    await other.say('bonjour');
    expect(turns.at(-1)).toEqual({ user: other.fromId, notice: false });

    // Ten seconds later one more message is taken (0.1 a second); the flood goes on without a new log line.
    clock += 10_000;
    await flooder.say('encore');
    expect(turns.filter((t) => t.user === flooder.fromId)).toHaveLength(5);
    for (let i = 0; i < 5; i++) await flooder.say(`again ${i}`);
    expect(turns.filter((t) => t.user === flooder.fromId)).toHaveLength(5);
    expect(logs.find(/flood/)).toHaveLength(1);
  });
});

describe('a Teams user who floods the bot (the whole server)', () => {
  const ctx = useTeamsServer({ env: { FLOOD_BURST: '5', FLOOD_PER_SECOND: '0.1' }, logs: true });

  it('answers the burst, then one notice, then nothing; the dropped answers are not taken', async () => {
    const { server } = ctx;
    const flooder = ctx.user();
    await flooder.install();
    // A profile already given (the diagnosis would otherwise ask for it first), without spending a message of the burst.
    const id = flooder.recordId;
    const record = structuredClone((await server.store.read(id))!);
    record.profile = { actor: 'fondation', options: {}, completedAt: new Date().toISOString() };
    server.store.put(record);
    await flooder.say('diagnostic');
    const replies: string[] = [];
    for (let i = 0; i < 38; i++) {
      const result = await flooder.say('3');
      expect(result.status).toBe(200);
      replies.push(text(result.replies));
    }
    // install + « diagnostic » + 3 answers fill the burst of 5; the next one gets the notice.
    expect(replies.slice(0, 3).every((r) => /Besoin \d\/7/.test(r))).toBe(true);
    expect(replies[3]).toMatch(/Doucement/);
    expect(replies.slice(4).every((r) => r === '')).toBe(true);
    expect(ctx.logs.find(/teams endpoint: flood/)).toHaveLength(1);
    await server.store.flush();
    expect(Object.keys((await server.store.read(flooder.recordId))?.diagnosis.answers ?? {})).toHaveLength(3);

    const other = ctx.user();
    expect(text((await other.install()).replies)).toMatch(/Compagnon ODD 17/);
  });
});
