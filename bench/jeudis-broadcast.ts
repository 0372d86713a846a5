// npm run bench (part) · tsx bench/jeudis-broadcast.ts [--subscribers 10000] [--rates 30,0]
// The Thursday broadcast to N Teams subscribers through the real scheduler, journal, storage
// and Bot Framework client, against a local fake connector in its own process: once with the
// Teams rate limit (JEUDIS_TEAMS_RATE, 30 messages/s by default) and once without any limit,
// to show what the engine itself can do. Prints total time, messages/s, peak RSS, CPU.
// --two-servers: two servers on one PostgreSQL (a throwaway cluster) tick at the same time; the
// fake connector counts each conversation's messages (duplicates) and the busiest second (the
// Teams rate, which must hold for the two together).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { ConfigSchema } from '../src/infra/config/config-schema.js';
import { startServer } from '../src/app/start-server.js';
import { newUserRecord } from '../src/domain/user-record.js';
import { UserStore } from '../src/infra/storage/user-store.js';
import { realClock } from '../src/app/real-clock.js';
import { openPostgresStore } from '../src/infra/storage/postgres/open-postgres-store.js';
import pg from 'pg';
import { startPostgres } from '../scripts/postgres-cluster.js';
import { flag, numberOption, textOption } from './bench-args.js';

const subscribers = numberOption('subscribers', 10_000);
const twoServers = flag('two-servers');
const rates = textOption('rates', twoServers ? '100' : '30,0').split(',').map(Number);
const THURSDAY = new Date('2026-12-03T08:00:00Z');
const SEEDED_AT = new Date('2026-11-30T10:00:00Z');

function startConnector(): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(fileURLToPath(new URL('./fake-connector-serve.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve) => child.once('message', (m: { port: number }) => resolve({ child, url: `http://127.0.0.1:${m.port}` })));
}

interface Counts {
  received: number;
  conversations: number;
  duplicates: number;
  busiestSecond: number;
}

function ask<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m: T) => resolve(m));
    child.send({ type });
  });
}

/** Subscriber `i` (`n` stands for i in the text of the template used by PostgreSQL). */
function subscriberRecord(i: number | string, serviceUrl: string) {
  return {
    ...newUserRecord(`msteams:tenant:user-${i}`, 'msteams', SEEDED_AT),
    profile: { actor: Number(i) % 2 ? 'association' : 'entreprise', options: {}, departement: '69', completedAt: SEEDED_AT.toISOString() },
    teams: {
      reference: { serviceUrl, channelId: 'msteams', conversation: { id: `a:conv-${i}` }, user: { id: `29:user-${i}` }, bot: { id: '28:bot' } },
      updatedAt: SEEDED_AT.toISOString(),
    },
    jeudis: { active: true, hour: 9, timeZone: 'Europe/Paris', since: SEEDED_AT.toISOString(), suggestedTools: [] },
  };
}

async function seed(dataDir: string, serviceUrl: string): Promise<void> {
  const store = await UserStore.open(dataDir, { flushDelayMs: 60_000, now: realClock });
  for (let i = 0; i < subscribers; i++) store.put(subscriberRecord(i, serviceUrl));
  await store.close();
}

/** The subscribers inserted by PostgreSQL itself, into the tables the store's migrations make. */
async function seedPostgres(url: string, serviceUrl: string): Promise<void> {
  await (await openPostgresStore({ url, poolSize: 2, statementTimeoutMs: 600_000, now: realClock })).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const template = JSON.stringify(subscriberRecord('__I__', serviceUrl));
  await client.query(`INSERT INTO users (id, record) SELECT 'msteams:tenant:user-' || i, replace($1, '__I__', i::text)::jsonb FROM generate_series(0, $2::int - 1) AS i`, [template, subscribers]);
  await client.end();
}

/** Two servers on one database tick at once: one only sends (the leader), every subscriber once, at the rate set for the two. */
async function runTwo(rate: number) {
  const cluster = await startPostgres();
  const connector = await startConnector();
  const dirs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), 'odd17-bench-jeudis-')));
  try {
    const url = await cluster.database();
    await seedPostgres(url, connector.url);
    const servers = await Promise.all(
      dirs.map((dir) =>
        startServer(ConfigSchema.parse({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, DATABASE_URL: url, LOG_LEVEL: 'silent', JEUDIS_SCHEDULER: 'off', JEUDIS_TEAMS_RATE: String(rate) }), pino({ level: 'silent' }), {
          now: realClock,
        }),
      ),
    );
    const t0 = performance.now();
    const summaries = await Promise.all(servers.map((s) => s.jeudis.tick(THURSDAY)));
    const seconds = (performance.now() - t0) / 1000;
    await Promise.all(servers.map((s) => s.close()));
    const counts = await ask<Counts>(connector.child, 'count');
    return { rate, seconds, sent: summaries.map((s) => s?.sent ?? 0), ...counts };
  } finally {
    connector.child.send({ type: 'stop' });
    await cluster.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

async function run(rate: number) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'odd17-bench-jeudis-'));
  const connector = await startConnector();
  try {
    await seed(dataDir, connector.url);
    const config = ConfigSchema.parse({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      JEUDIS_SCHEDULER: 'off',
      JEUDIS_TEAMS_RATE: String(rate),
    });
    const server = await startServer(config, pino({ level: 'silent' }), { now: realClock });
    global.gc?.();
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const cpu0 = process.cpuUsage();
    const writes0 = server.store.writes;
    const t0 = performance.now();
    const summary = await server.jeudis.tick(THURSDAY);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    await server.close();
    const { received } = await ask<{ received: number }>(connector.child, 'count');
    return {
      rate: rate === 0 ? 'sans limite' : `${rate}/s`,
      sent: summary?.sent ?? 0,
      received,
      seconds: Number(seconds.toFixed(1)),
      perSecond: Math.round((summary?.sent ?? 0) / seconds),
      peakRssMiB: Math.round(peakRss / 1048576),
      cpuMsPerMessage: Number(((cpu.user + cpu.system) / 1000 / Math.max(1, summary?.sent ?? 1)).toFixed(2)),
      storageWrites: server.store.writes - writes0,
    };
  } finally {
    connector.child.send({ type: 'stop' });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (twoServers) {
  console.log(`Jeudis : diffusion à ${subscribers} abonnés Teams, deux serveurs sur une base PostgreSQL (faux connecteur local)`);
  for (const rate of rates) {
    const r = await runTwo(rate);
    console.log(
      `  limite ${rate}/s : envoyés par chaque serveur ${r.sent.join(' + ')}, ${r.received} reçus par ${r.conversations} conversations, ${r.duplicates} en double, ` +
        `en ${r.seconds.toFixed(1)} s ; seconde la plus chargée ${r.busiestSecond} messages`,
    );
  }
  process.exit(0);
}
console.log(`Jeudis : diffusion à ${subscribers} abonnés Teams (faux connecteur local, concurrence 30)`);
for (const rate of rates) {
  const r = await run(rate);
  console.log(
    `  limite ${r.rate.padEnd(12)} ${r.sent} envoyés (${r.received} reçus) en ${r.seconds} s · ${r.perSecond} messages/s · RSS max ${r.peakRssMiB} Mio · CPU ${r.cpuMsPerMessage} ms/message · ${r.storageWrites} écritures du fichier`,
  );
}
