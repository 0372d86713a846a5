// Child process of the benchmark: runs either the real bot or a bare Botkit echo bot on
// 127.0.0.1, reports its port, and samples its own RSS so the figures exclude the load clients.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Botkit, type BotWorker, type BotkitMessage } from 'botkit';
import { WebAdapter } from 'botbuilder-adapter-web';
import express from 'express';
import { pino } from 'pino';
import { ConfigSchema } from '../src/infra/config/config-schema.js';
import { startServer } from '../src/app/start-server.js';
import { UNLIMITED_ADDRESS } from './unlimited-address.js';
import { realClock } from '../src/app/real-clock.js';

const mode = process.argv[2];
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

async function startEcho(): Promise<{ port: number; close: () => Promise<void> }> {
  const app = express();
  const http = createServer(app);
  const adapter = new WebAdapter({ server: http });
  const controller = new Botkit({ adapter, webserver: app, disable_console: true });
  controller.on('message', async (bot: BotWorker, message: BotkitMessage) => {
    await bot.reply(message, message.text ?? '');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { port: (http.address() as AddressInfo).port, close: async () => process.exit(0) };
}

async function startBot(): Promise<{ port: number; close: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'odd17-bench-'));
  // Simulated users click much faster than people, and all come from one address: the flood
  // guards and the per-address caps would slow them down.
  const config = ConfigSchema.parse({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    FLOOD_BURST: '1000',
    FLOOD_PER_SECOND: '100',
    ...UNLIMITED_ADDRESS,
    // `bot-pg`: the same bot on PostgreSQL (the database the benchmark started).
    ...(mode === 'bot-pg' ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
    // Every server of a benchmark opens the others' cookies (several servers behind one address).
    COOKIE_SECRET: 'benchmark-secret-benchmark-secret-0123',
    // The users held in memory (the heap per conversation stops growing once they are that many).
    ...(process.env.USER_CACHE_SIZE ? { USER_CACHE_SIZE: process.env.USER_CACHE_SIZE } : {}),
  });
  const server = await startServer(config, pino({ level: 'silent' }), { now: realClock });
  return {
    port: server.port,
    close: async () => {
      // Counted before the close: PostgreSQL's connections end with it.
      const users = (await server.store.ids()).length;
      await server.close();
      // The data file and the users' files (one per user).
      const bytes = ['compagnon.json', ...(existsSync(path.join(dataDir, 'users')) ? readdirSync(path.join(dataDir, 'users'), { recursive: true }).map((f) => path.join('users', String(f))) : [])]
        .map((f) => path.join(dataDir, f))
        .filter((f) => existsSync(f) && statSync(f).isFile())
        .reduce((sum, f) => sum + statSync(f).size, 0);
      process.send?.({ type: 'writes', writes: server.store.writes, users, bytesPerUser: Math.round(bytes / Math.max(1, users)) });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const running = mode === 'echo' ? await startEcho() : await startBot();
process.send?.({ type: 'ready', port: running.port });
let cpuMark = process.cpuUsage();
process.on('message', async (msg: { type: string }) => {
  if (msg.type === 'mark') {
    // Start of the measured rounds: CPU is counted from here, the peak RSS over the whole run.
    cpuMark = process.cpuUsage();
    process.send?.({ type: 'marked' });
  }
  if (msg.type === 'heap') {
    // Live memory after a full collection: what the server keeps, not garbage not yet collected.
    global.gc?.();
    process.send?.({ type: 'heap', heapUsed: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss });
  }
  if (msg.type === 'stop') {
    clearInterval(sampler);
    const cpu = process.cpuUsage(cpuMark);
    process.send?.({ type: 'peak', rss: peakRss, cpuMs: (cpu.user + cpu.system) / 1000 });
    await running.close();
    process.exit(0);
  }
});
