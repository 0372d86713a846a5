import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { killSpawned } from './helpers/child-process.js';
import { startMain, urlOf } from './helpers/main-process.js';
import { rawRequest, statusOf, upgradeRequest } from './helpers/raw-http.js';
import { closedPort } from './helpers/teams-server.js';
import { tempDir } from './helpers/temp-dir.js';
import { fetchCookie, newWebVisitor, WebChatClient } from './helpers/web-client.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(async () => {
  await killSpawned();
  tmp.cleanup();
});

/** A Teams activity as an anonymous caller would post it in development mode. */
function teamsActivity(serviceUrl: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: 'a1',
    text: 'menu',
    serviceUrl,
    channelId: 'msteams',
    from: { id: '29:stranger', aadObjectId: '00000000-0000-0000-0000-00000000beef' },
    recipient: { id: '28:bot' },
    conversation: { id: 'a:stranger', conversationType: 'personal', tenantId: 't' },
    ...extra,
  };
}

describe('the real process, under every request known to have stopped it', () => {
  it('answers each with a refusal, keeps serving another user, and never needs its last line of defence', async () => {
    const main = startMain(tmp.dir, { TEAMS_DEV_MODE: 'true' });
    const url = await urlOf(main);
    const cookie = await fetchCookie(url);

    // Websocket upgrades a page or a script can send.
    expect(statusOf(await rawRequest(url, upgradeRequest(url, '/ws', { Origin: 'null', Cookie: cookie })))).toBe(403);
    expect(statusOf(await rawRequest(url, upgradeRequest(url, '/ws', { Origin: 'http://[', Cookie: cookie })))).toBe(403);
    expect(statusOf(await rawRequest(url, upgradeRequest(url, 'http://[', { Cookie: cookie })))).toBe(400);
    expect(statusOf(await rawRequest(url, `GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n`))).toBeGreaterThanOrEqual(400);
    expect((await fetch(new URL('/bilan/%E0%A4%A', url))).status).toBe(400);

    // Teams in development mode: a reply to a closed port fails after the SDK's retries.
    const port = await closedPort();
    const post = (body: unknown) =>
      fetch(new URL('/api/messages', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const closed = post(teamsActivity(`http://127.0.0.1:${port}`));
    expect((await post('{"type":')).status).toBe(400);
    expect((await post(teamsActivity(`http://127.0.0.1:${port}`, { deliveryMode: 'expectReplies' }))).status).toBe(400);

    // Websocket frames: binary, over the size limit, and a flood.
    const flooder = await WebChatClient.connect(url, { cookie });
    flooder.ws.send(Buffer.from([0, 1, 2]), { binary: true });
    for (let i = 0; i < 1000; i++) flooder.send(i % 2 ? 'pas du json' : { type: 'hello' });
    flooder.send({ type: 'message', text: 'x'.repeat(100_000) });
    await flooder.waitFor(() => flooder.closed !== undefined).catch(() => undefined);
    const sizeCapped = new WebSocket(url.replace(/^http/, 'ws') + 'ws', { headers: { cookie: await fetchCookie(url) } });
    await new Promise((resolve) => sizeCapped.once('open', resolve));
    sizeCapped.send('x'.repeat(1_000_000));
    await new Promise((resolve) => sizeCapped.once('close', resolve));

    await closed;
    // Another user, after all of it: still answered.
    const { client } = await newWebVisitor(url);
    const replies = await client.ask("c'est quoi un PTCE ?");
    expect(replies.map((r) => r.text).join('\n')).toMatch(/PTCE/);
    client.close();

    expect(main.child.exitCode).toBeNull();
    const logged = main.lines.join('\n');
    expect(logged).toMatch(/teams reply not delivered/);
    // Each failure was caught where it happened, not by the process-wide handlers.
    expect(logged).not.toMatch(/unhandled rejection|uncaught exception/);
  }, 60_000);
});
