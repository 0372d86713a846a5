// npm run bench (part of it), or: node --expose-gc --import tsx bench/store-scale.ts --users 100000
// The embedded store with many stored users: a data directory holding N copies of a real record
// (a profile, the diagnosis, step 1, a question, the Thursday subscription), then start-up time,
// memory, and the latency of one user asking a question every 100 ms while 20 others answer the
// diagnosis (ordinary traffic, the server's default flush delay). Prints p50/p95/p99 and the
// snapshots written.
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createTurnHandler } from '../src/app/create-turn-handler.js';
import { loadContent } from '../src/infra/content/load-content.js';
import { createTemplateRenderer } from '../src/infra/templates/render-template.js';
import { DATA_FILE, UserStore } from '../src/infra/storage/user-store.js';
import { UserFiles, USERS_DIR } from '../src/infra/storage/user-files.js';
import { SUBSCRIBERS_FILE } from '../src/infra/storage/subscriber-index.js';
import { erasedKey } from '../src/infra/storage/store-changes.js';
import { DueSubscription, type UserRecord } from '../src/domain/user-record.js';
import { openPostgresStore } from '../src/infra/storage/postgres/open-postgres-store.js';
import pg from 'pg';
import { startPostgres } from '../scripts/postgres-cluster.js';
import { flag, numberOption } from './bench-args.js';

const stored = numberOption('users', 10_000);
const seconds = numberOption('seconds', 15);
const busyUsers = 20;
/** --postgres: the same users copied into a throwaway PostgreSQL cluster, and the store opened there. */
const onPostgres = flag('postgres');

const contentDir = process.env.CONTENT_DIR ?? 'content';
const content = loadContent(contentDir);
const render = createTemplateRenderer(contentDir);
const now = () => new Date('2026-12-01T10:00:00Z');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

function handlerOver(store: UserStore) {
  return createTurnHandler({ now, content, render, store, logger: pino({ level: 'silent' }), maxTextLength: 2000, reportUrl: () => 'http://127.0.0.1/bilan/x' });
}

/** One real record: what a user who did the diagnosis and step 1 and subscribed has stored. */
async function realRecord(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'odd17-seed-'));
  const store = await UserStore.open(dir, { flushDelayMs: 0, now });
  const turns = handlerOver(store);
  const say = (text: string) => turns.handle('seed', 'bench', { kind: 'message', text });
  await turns.handle('seed', 'bench', { kind: 'connect' });
  for (const text of ['association', 'employeuse', '1', '69', 'diagnostic', '3', '2', '4', '1', '3', '2', '1', "c'est quoi un PTCE ?", 'méthode', 'étape 1', '3', '2', '5', '1', 'jeudis', 'oui', '9 h']) await say(text);
  const record = JSON.stringify((await store.read('seed')));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return record;
}

/**
 * A data directory of `count` copies of the record, as the store lays it out: the data file, one
 * file per user, and the subscribers' index (every copy is subscribed). Returns the bytes written.
 */
function writeDataDir(dir: string, record: string, count: number): number {
  writeFileSync(path.join(dir, DATA_FILE), '{"version":1,"walGeneration":0}');
  const files = new UserFiles(path.join(dir, USERS_DIR));
  const due = JSON.stringify(DueSubscription.parse((JSON.parse(record) as UserRecord).jeudis));
  const index = openSync(path.join(dir, SUBSCRIBERS_FILE), 'w');
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const id = `stored-${i}`;
    const file = files.fileOf(erasedKey(id));
    mkdirSync(path.dirname(file), { recursive: true });
    const text = record.replace('"id":"seed"', `"id":${JSON.stringify(id)}`);
    writeFileSync(file, text);
    bytes += text.length;
    writeSync(index, `{"id":${JSON.stringify(id)},"due":${due}}\n`);
  }
  closeSync(index);
  return bytes;
}

const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.max(0, Math.ceil((p / 100) * values.length) - 1))] ?? NaN;

const record = await realRecord();
const dir = mkdtempSync(path.join(tmpdir(), 'odd17-scale-'));
let cluster: Awaited<ReturnType<typeof startPostgres>> | undefined;
try {
  let url: string | undefined;
  let bytes = stored * record.length;
  if (onPostgres) {
    cluster = await startPostgres();
    url = await cluster.database();
    // The tables made by the store's migrations, then the copies inserted by PostgreSQL itself:
    // this process never holds them (its memory is what is measured).
    await (await openPostgresStore({ url, poolSize: 2, statementTimeoutMs: 600_000, now })).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // As the store lays a user out: the record without its history, one row per exchange.
    await client.query(`INSERT INTO users (id, record) SELECT 'stored-' || i, jsonb_set($1::jsonb - 'history', '{id}', to_jsonb('stored-' || i)) FROM generate_series(0, $2::int - 1) AS i`, [record, stored]);
    await client.query(
      `INSERT INTO history (user_id, n, entry) SELECT 'stored-' || i, (e.entry->>'n')::int, e.entry - 'n' FROM generate_series(0, $2::int - 1) AS i, jsonb_array_elements($1::jsonb->'history') AS e(entry)`,
      [record, stored],
    );
    await client.end();
  } else bytes = writeDataDir(dir, record, stored);
  gc();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const store = url ? await openPostgresStore({ url, poolSize: 10, statementTimeoutMs: 5_000, now }) : await UserStore.open(dir, { flushDelayMs: 100, now });
  const turns = handlerOver(store);
  const startupMs = performance.now() - started;
  gc();
  const rssAfter = process.memoryUsage().rss;

  // Warm-up (the first turns compile the code and build the search index): not measured.
  for (let u = 0; u < busyUsers; u++) await turns.handle(`stored-${u}`, 'bench', { kind: 'message', text: 'menu' });
  await turns.handle(`stored-${stored - 1}`, 'bench', { kind: 'message', text: "c'est quoi un PTCE ?" });

  const answers = ['diagnostic', '3', '2', '4', '1', '3', '2', '1', 'recommencer', 'oui'];
  let stop = false;
  const busy = Array.from({ length: busyUsers }, async (_, u) => {
    const id = `stored-${u}`;
    for (let i = 0; !stop; i++) {
      await turns.handle(id, 'bench', { kind: 'message', text: answers[i % answers.length]! });
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  // A question every 100 ms on a fixed schedule: the time from when it was due to its answer counts
  // any moment the event loop was held (a question due during a stall waits for its end).
  const latencies: number[] = [];
  const begin = performance.now();
  for (let i = 0; i < seconds * 10; i++) {
    const due = begin + i * 100;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await turns.handle(`stored-${stored - 1}`, 'bench', { kind: 'message', text: i % 2 ? "c'est quoi un PTCE ?" : 'qui est le catalyseur territorial ?' });
    latencies.push(performance.now() - due);
  }
  stop = true;
  await Promise.all(busy);
  const rssPeak = process.memoryUsage().rss;
  const held = store.cachedUsers;
  await store.close();
  console.log(
    `\n${onPostgres ? 'PostgreSQL' : 'Stockage embarqué'}, ${stored} utilisateurs enregistrés (${mib(bytes)} Mio de fiches) : démarrage ${(startupMs / 1000).toFixed(2)} s, ` +
      `RSS +${mib(rssAfter - rssBefore)} Mio après ouverture (${mib(rssPeak)} Mio en fin de charge, ${held} fiches en mémoire)`,
  );
  console.log(
    `Question d'un autre utilisateur pendant le trafic (${busyUsers} utilisateurs actifs, ${latencies.length} questions en ${seconds} s) : ` +
      `p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
  );
} finally {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
