import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/app/start-server.js';
import { FakeConnector, OUTBOUND_TOKEN } from './helpers/fake-connector.js';
import { APP_ID, startRegisteredServer } from './helpers/registered-server.js';
import { TeamsUser, TENANT, text } from './helpers/teams-client.js';
import { tempDir } from './helpers/temp-dir.js';

let connector: FakeConnector;
let tmp: ReturnType<typeof tempDir>;
let server: RunningServer | undefined;

beforeAll(async () => {
  connector = await FakeConnector.start();
});
afterAll(() => connector.close());
beforeEach(() => {
  tmp = tempDir();
  connector.clear();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  tmp.cleanup();
});

async function start(extra: Record<string, string> = {}) {
  server = await startRegisteredServer(tmp.dir, connector, extra);
  return new URL('/api/messages', server.url).toString();
}

async function postWith(endpoint: string, user: TeamsUser, authorization?: string) {
  return user.post(user.activity({ type: 'message', text: 'menu' }), authorization ? { Authorization: authorization } : {});
}

describe('Teams endpoint with a bot registration (MicrosoftAppId set)', () => {
  it('accepts a request signed by the channel and signs its own replies', async () => {
    const endpoint = await start();
    const user = new TeamsUser(endpoint, connector, { appId: APP_ID });
    const { status, replies } = await user.install();
    expect(status).toBe(200);
    expect(text(replies)).toMatch(/Compagnon ODD 17/);
    for (const reply of replies) expect(reply.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
  });

  it('refuses a request without a token, and answers nobody', async () => {
    const endpoint = await start();
    const user = new TeamsUser(endpoint, connector);
    const { status } = await postWith(endpoint, user);
    expect(status).toBe(401);
    expect(connector.sent).toEqual([]);
    expect(server!.store.get(`msteams:${user.tenantId}:${user.aadObjectId}`)).toBeUndefined();
  });

  it('refuses a token signed with a key the channel does not publish', async () => {
    const endpoint = await start();
    const user = new TeamsUser(endpoint, connector);
    const { status } = await postWith(endpoint, user, `Bearer ${await connector.channelToken(APP_ID, { forged: true })}`);
    expect(status).toBe(401);
    expect(connector.sent).toEqual([]);
  });

  it('refuses an expired token, and a token issued for another bot', async () => {
    const endpoint = await start();
    const user = new TeamsUser(endpoint, connector);
    expect((await postWith(endpoint, user, `Bearer ${await connector.channelToken(APP_ID, { expired: true })}`)).status).toBe(401);
    const otherBot = await connector.channelToken(APP_ID, { audience: 'ffffffff-0000-0000-0000-000000000000' });
    expect((await postWith(endpoint, user, `Bearer ${otherBot}`)).status).toBe(401);
    expect(connector.sent).toEqual([]);
  });

  it('refuses a token issued for another service URL than the activity claims', async () => {
    const endpoint = await start();
    const user = new TeamsUser(endpoint, connector);
    const token = await connector.channelToken(APP_ID, { serviceUrl: 'https://smba.trafficmanager.net/emea/' });
    expect((await postWith(endpoint, user, `Bearer ${token}`)).status).toBe(401);
  });

  it('as a single-tenant bot, refuses users of another tenant', async () => {
    const endpoint = await start({ MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT });
    const own = new TeamsUser(endpoint, connector, { appId: APP_ID });
    expect((await own.install()).status).toBe(200);
    const stranger = new TeamsUser(endpoint, connector, { appId: APP_ID, tenantId: '99999999-8888-7777-6666-555555555555' });
    const { status, replies } = await stranger.install();
    expect(status).toBe(403);
    expect(replies).toEqual([]);
  });
});
