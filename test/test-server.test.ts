import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTestServer } from './helpers/test-server.js';
import type { WebChatClient } from './helpers/web-client.js';

/** What a test left behind, looked at by the next one. */
let previous: { dir: string; url: string; client: WebChatClient } | undefined;

describe('useTestServer: each test gets its own server, and nothing of it outlives the test', () => {
  const ctx = useTestServer();

  it.fails('(a test that fails half-way, its visitor still connected)', async () => {
    const { client } = await ctx.visitor();
    previous = { dir: ctx.dir, url: ctx.url, client };
    expect(client.messages().at(-1)?.text).toBe('not what the bot says');
  });

  it('closed that visitor and that server and removed that data directory, although the test failed', async () => {
    expect(previous).toBeDefined();
    const { dir, url, client } = previous!;
    expect(client.closed).toBeDefined();
    await expect(fetch(url)).rejects.toThrow();
    expect(existsSync(dir)).toBe(false);
    expect(ctx.dir).not.toBe(dir);
    expect((await fetch(ctx.url)).status).toBe(200);
  });
});
