import { describe, expect, it } from 'vitest';
import { OUTBOUND_TOKEN } from './helpers/fake-connector.js';
import { APP_ID } from './helpers/registered-server.js';
import { type TeamsUser, TENANT, text } from './helpers/teams-client.js';
import { useTeamsServer } from './helpers/test-server.js';

const ctx = useTeamsServer({ registered: true, lazy: true });

async function postWith(user: TeamsUser, authorization?: string) {
  return user.post(user.activity({ type: 'message', text: 'menu' }), authorization ? { Authorization: authorization } : {});
}

describe('Teams endpoint with a bot registration (MicrosoftAppId set)', () => {
  it('accepts a request signed by the channel and signs its own replies', async () => {
    await ctx.start();
    const user = ctx.user({ appId: APP_ID });
    const { status, replies } = await user.install();
    expect(status).toBe(200);
    expect(text(replies)).toMatch(/Compagnon ODD 17/);
    for (const reply of replies) expect(reply.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
  });

  it('refuses a request without a token, and answers nobody', async () => {
    await ctx.start();
    const user = ctx.user();
    const { status } = await postWith(user);
    expect(status).toBe(401);
    expect(ctx.connector.sent).toEqual([]);
    expect((await ctx.server.store.read(user.recordId))).toBeUndefined();
  });

  it('refuses a token signed with a key the channel does not publish', async () => {
    await ctx.start();
    const user = ctx.user();
    const { status } = await postWith(user, `Bearer ${await ctx.connector.channelToken(APP_ID, { forged: true })}`);
    expect(status).toBe(401);
    expect(ctx.connector.sent).toEqual([]);
  });

  it('refuses an expired token, and a token issued for another bot', async () => {
    await ctx.start();
    const user = ctx.user();
    expect((await postWith(user, `Bearer ${await ctx.connector.channelToken(APP_ID, { expired: true })}`)).status).toBe(401);
    const otherBot = await ctx.connector.channelToken(APP_ID, { audience: 'ffffffff-0000-0000-0000-000000000000' });
    expect((await postWith(user, `Bearer ${otherBot}`)).status).toBe(401);
    expect(ctx.connector.sent).toEqual([]);
  });

  it('refuses a token issued for another service URL than the activity claims', async () => {
    await ctx.start();
    const user = ctx.user();
    const token = await ctx.connector.channelToken(APP_ID, { serviceUrl: 'https://smba.trafficmanager.net/emea/' });
    expect((await postWith(user, `Bearer ${token}`)).status).toBe(401);
  });

  it('as a single-tenant bot, refuses users of another tenant', async () => {
    await ctx.start({ env: { MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT } });
    const own = ctx.user({ appId: APP_ID });
    expect((await own.install()).status).toBe(200);
    const stranger = ctx.user({ appId: APP_ID, tenantId: '99999999-8888-7777-6666-555555555555' });
    const { status, replies } = await stranger.install();
    expect(status).toBe(403);
    expect(replies).toEqual([]);
  });
});
