import { networkInterfaces } from 'node:os';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { TeamsAdapter } from '../src/channels/teams/teams-adapter.js';
import { mountTeamsEndpoint } from '../src/channels/teams/teams-endpoint.js';
import { TeamsUser, text } from './helpers/teams-client.js';
import { useTeamsServer } from './helpers/test-server.js';
import { testClock } from './helpers/clock.js';

const ctx = useTeamsServer({ lazy: true, logs: true });

/** An address of this machine that is not loopback (a caller from it is « on the network »). */
const external = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === 'IPv4')?.address;

async function recordOf(user: TeamsUser) {
  return (await ctx.server.store.read(user.recordId));
}

function startupMode(): unknown {
  return ctx.logs.lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('teams:') && l.teamsMode !== undefined)?.teamsMode;
}

describe('the Teams endpoint without a bot registration', () => {
  it('is disabled unless TEAMS_DEV_MODE=true: 503 with a French explanation, nothing run, nothing stored', async () => {
    const server = await ctx.start({ env: { TEAMS_DEV_MODE: 'false' } });
    expect(startupMode()).toBe('disabled');
    expect(ctx.logs.find(/teams: endpoint disabled/)).toHaveLength(1);

    const user = ctx.user();
    const res = await fetch(ctx.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(user.activity({ type: 'message', text: 'mes données' })) });
    expect(res.status).toBe(503);
    const body = (await res.json()) as { message: string };
    expect(body.message).toMatch(/désactivé/);
    expect(body.message).toMatch(/TEAMS_DEV_MODE=true/);
    expect(body.message).toMatch(/MicrosoftAppId/);
    expect(ctx.connector.sent).toEqual([]);
    await server.store.flush();
    expect((await recordOf(user))).toBeUndefined();
  });

  it('with TEAMS_DEV_MODE=true, serves a caller on this machine and says so at start-up', async () => {
    await ctx.start({ env: { TEAMS_DEV_MODE: 'true' } });
    expect(startupMode()).toBe('development');
    const user = ctx.user();
    const { status, replies } = await user.install();
    expect(status).toBe(200);
    expect(text(replies)).toMatch(/Compagnon ODD 17/);
  });

  it.skipIf(!external)('with TEAMS_DEV_MODE=true, refuses a caller from the network (403), even with a local serviceUrl', async () => {
    const server = await ctx.start({ env: { TEAMS_DEV_MODE: 'true', HOST: '0.0.0.0' } });
    const fromNetwork = new URL('/api/messages', `http://${external}:${server.port}`).toString();
    const user = new TeamsUser(fromNetwork, ctx.connector);
    for (const activity of [user.activity({ type: 'conversationUpdate', membersAdded: [{ id: '28:00000000-0000-0000-0000-0000000000b0' }] }), user.activity({ type: 'message', text: 'mes données' })]) {
      const { status } = await user.post(activity);
      expect(status).toBe(403);
    }
    expect(ctx.connector.sent).toEqual([]);
    await server.store.flush();
    expect((await recordOf(user))).toBeUndefined();
    expect(ctx.logs.find(/accepts only callers on this machine/)[0]).toMatchObject({ remoteAddress: expect.stringContaining(external!) });
  });

  it('with TEAMS_DEV_MODE=true, refuses a request that came through a reverse proxy (every caller would look local)', async () => {
    await ctx.start({ env: { TEAMS_DEV_MODE: 'true' } });
    const user = ctx.user();
    const { status } = await user.post(user.activity({ type: 'message', text: 'menu' }), { 'X-Forwarded-For': '203.0.113.7' });
    expect(status).toBe(403);
    expect(ctx.connector.sent).toEqual([]);
  });

  it('refuses deliveryMode expectReplies: nobody reads a user’s replies in the HTTP response', async () => {
    const server = await ctx.start({ env: { TEAMS_DEV_MODE: 'true' } });
    const user = ctx.user();
    const res = await fetch(ctx.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(user.activity({ type: 'message', text: 'mes données', deliveryMode: 'expectReplies' })),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).not.toMatch(/mes-donnees|activities/);
    expect(ctx.connector.sent).toEqual([]);
    expect(ctx.logs.find(/expectReplies refused/)).toHaveLength(1);
    await server.store.flush();
    expect((await recordOf(user))).toBeUndefined();
  });
});

describe('the Teams endpoint with a bot registration', () => {
  it('says « authenticated » at start-up, whatever TEAMS_DEV_MODE says', async () => {
    await ctx.start({ registered: true, env: { TEAMS_DEV_MODE: 'true' } });
    expect(startupMode()).toBe('authenticated');
    expect(ctx.logs.find(/TEAMS_DEV_MODE ignored/)).toHaveLength(1);
  });
});

describe('the development-mode caller check', () => {
  /** The endpoint alone, with the socket's address replaced (as if the request came from `address`). */
  async function endpointSeenFrom(address: string) {
    const app = express();
    app.use((req, _res, next) => {
      Object.defineProperty(req.socket, 'remoteAddress', { value: address, configurable: true });
      next();
    });
    const turns: unknown[] = [];
    mountTeamsEndpoint(app, {
      adapter: new TeamsAdapter({}),
      logic: async (context) => void turns.push(context.activity),
      logger: pino({ level: 'silent' }),
      devMode: true,
      now: testClock(),
    });
    const http = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => http.once('listening', resolve));
    const { port } = http.address() as { port: number };
    return { url: `http://127.0.0.1:${port}/api/messages`, turns, close: () => new Promise((resolve) => http.close(resolve)) };
  }

  it.each([
    ['127.0.0.1', 200],
    ['127.12.0.3', 200],
    ['::1', 200],
    ['::ffff:127.0.0.1', 200],
    ['192.168.1.20', 403],
    ['::ffff:10.0.0.5', 403],
    ['fe80::1', 403],
    ['2001:db8::7', 403],
  ])('a caller at %s gets %i', async (address, expected) => {
    const ep = await endpointSeenFrom(address);
    try {
      const user = new TeamsUser(ep.url, ctx.connector);
      const res = await fetch(ep.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(user.activity({ type: 'typing' })) });
      expect(res.status).toBe(expected);
      expect(ep.turns).toHaveLength(expected === 200 ? 1 : 0);
    } finally {
      await ep.close();
    }
  });
});
