// npm run bench [-- --users 50]
// N simulated web users do the whole journey (profile, 7 needs, recommendations) at once over
// websockets against the real bot; then the same number of turns against a bare Botkit echo bot
// on the same web adapter. Prints turns/s, p50/p99 per turn, peak server RSS and the ratios.
// Page load and websocket opening happen before the clock starts: they are not turns.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { startPostgres } from '../scripts/postgres-cluster.js';
import { flag, numberOption } from './bench-args.js';

const users = numberOption('users', 50);
/** Measured rounds; each round, every user is a new visitor doing the whole journey. */
const rounds = numberOption('rounds', 3);
/** With --seconds: each user does journey after journey (a new visitor each time) for that long. */
const seconds = numberOption('seconds', 0);
/** With --returning: the same users come back and redo the diagnosis (« recommencer »), so no new record is kept. */
const returning = flag('returning');
/** With --postgres (and --seconds): the companion on the data directory, then on PostgreSQL (a throwaway cluster), instead of the echo. */
const onPostgres = flag('postgres');
/** With --two-servers (and --seconds): returning users on one PostgreSQL server, then on two sharing the database, each journey on the other. */
const twoServers = flag('two-servers');
/** The real bot (on the data directory, or on PostgreSQL), or the bare Botkit echo. */
type Mode = 'bot' | 'bot-pg' | 'echo';

interface Frame {
  type: string;
  text?: string;
  quick_replies?: Array<{ title: string; payload: string }>;
}

interface RunResult {
  turns: number;
  seconds: number;
  latencies: number[];
  peakRss: number;
  serverCpuMs: number;
  clientCpuMs: number;
  extra?: Record<string, unknown>;
}

function startChild(mode: Mode): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(fileURLToPath(new URL('./serve.ts', import.meta.url)), [mode], {
    execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_CPU_PROF] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (msg: { type: string; port?: number }) => {
      if (msg.type === 'ready') resolve({ child, port: msg.port! });
    });
  });
}

function markChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (msg: { type: string }) => {
      if (msg.type !== 'marked') return;
      child.off('message', onMessage);
      resolve();
    };
    child.on('message', onMessage);
    child.send({ type: 'mark' });
  });
}

function stopChild(child: ChildProcess): Promise<{ peakRss: number; cpuMs: number; extra: Record<string, unknown> }> {
  return new Promise((resolve) => {
    let peakRss = 0;
    let cpuMs = 0;
    const extra: Record<string, unknown> = {};
    child.on('message', (msg: { type: string; rss?: number; cpuMs?: number; writes?: number; users?: number; bytesPerUser?: number }) => {
      if (msg.type === 'peak') {
        peakRss = msg.rss!;
        cpuMs = msg.cpuMs!;
      }
      if (msg.type === 'writes') Object.assign(extra, { fileWrites: msg.writes, storedUsers: msg.users, bytesPerUser: msg.bytesPerUser });
    });
    child.once('exit', () => resolve({ peakRss, cpuMs, extra }));
    child.send({ type: 'stop' });
  });
}

/** A websocket client that resolves each turn when the reply ending the turn arrives. */
class Client {
  private queue: Frame[] = [];
  private waiter: (() => void) | undefined;
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.queue.push(JSON.parse(data.toString()) as Frame);
      this.waiter?.();
    });
  }
  static async open(url: string, headers: Record<string, string> = {}): Promise<Client> {
    const ws = new WebSocket(url, { headers });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new Client(ws);
  }
  /** Sends a frame and waits until a frame matching `done` arrives; returns the latency in ms. */
  async turn(frame: object, done: (f: Frame) => boolean): Promise<{ ms: number; last: Frame }> {
    this.queue = [];
    const start = performance.now();
    this.ws.send(JSON.stringify(frame));
    for (;;) {
      const hit = this.queue.find(done);
      if (hit) return { ms: performance.now() - start, last: hit };
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }
}

const prompt = (f: Frame) => f.type === 'message' && (f.quick_replies?.length ?? 0) > 0;
const button = (f: Frame, label: RegExp) => {
  const choice = f.quick_replies?.find((q) => label.test(q.title));
  if (!choice) throw new Error(`no button ${label} in ${f.text}`);
  return { type: 'message', text: choice.title, value: choice.payload };
};

/**
 * A simulated visitor: `connect` loads the page and opens the websocket (not timed: it is not a
 * turn), `play` does the turns and records each one's latency.
 */
interface Visitor {
  connect(): Promise<void>;
  play(latencies: number[]): Promise<number>;
}

function botVisitor(port: number, options: { keepOpen?: boolean } = {}): Visitor & { client(): Client } {
  let client: Client;
  return {
    client: () => client,
    async connect() {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      await res.text();
      client = await Client.open(`ws://127.0.0.1:${port}/ws`, { cookie });
    },
    async play(latencies) {
      let turns = 0;
      const step = async (frame: object) => {
        const { ms, last } = await client.turn(frame, prompt);
        latencies.push(ms);
        turns += 1;
        return last;
      };
      let last = await step({ type: 'hello' });
      last = await step(button(last, /^Association/));
      last = await step(button(last, /employeuse/i));
      last = await step(button(last, /./));
      last = await step({ type: 'message', text: '69' });
      last = await step(button(last, /Diagnostic/));
      for (let i = 0; i < 7; i++) last = await step(button(last, i % 3 === 0 ? /^1 ·/ : /^3 ·/));
      if (!/Mon bilan/.test(last.quick_replies!.map((q) => q.title).join())) throw new Error('journey did not reach recommendations');
      if (!options.keepOpen) client.ws.close();
      return turns;
    },
  };
}

/** A user who comes back: the first journey as a new visitor, then « recommencer » and the 7 needs again. */
function returningVisitor(port: number): Visitor {
  const first = botVisitor(port, { keepOpen: true });
  let client: Client | undefined;
  let played = false;
  return {
    async connect() {
      if (!client) {
        await first.connect();
        client = first.client();
      }
    },
    async play(latencies) {
      if (!played) {
        played = true;
        return first.play(latencies);
      }
      let turns = 0;
      const step = async (frame: object) => {
        const { ms, last } = await client!.turn(frame, prompt);
        latencies.push(ms);
        turns += 1;
        return last;
      };
      let last = await step({ type: 'message', text: 'recommencer' });
      last = await step(button(last, /^Oui/));
      for (let i = 0; i < 7; i++) last = await step(button(last, i % 3 === 0 ? /^1 ·/ : /^3 ·/));
      if (!/Mon bilan/.test(last.quick_replies!.map((q) => q.title).join())) throw new Error('journey did not reach recommendations');
      return turns;
    },
  };
}

function echoVisitor(port: number, index: number, turns: number): Visitor {
  let client: Client;
  return {
    async connect() {
      client = await Client.open(`ws://127.0.0.1:${port}/`);
    },
    async play(latencies) {
      for (let i = 0; i < turns; i++) {
        const text = `tour ${i}`;
        const frame = { type: 'message', text, user: `echo-${index}`, channel: 'websocket' };
        const { ms } = await client.turn(frame, (f) => f.text === text);
        latencies.push(ms);
      }
      client.ws.close();
      return turns;
    },
  };
}

async function round(visitors: Visitor[], latencies: number[]): Promise<{ turns: number; seconds: number }> {
  await Promise.all(visitors.map((v) => v.connect()));
  const start = performance.now();
  const counts = await Promise.all(visitors.map((v) => v.play(latencies)));
  return { turns: counts.reduce((a, b) => a + b, 0), seconds: (performance.now() - start) / 1000 };
}

async function run(mode: Mode, visitor: (port: number, index: number) => Visitor): Promise<RunResult> {
  const { child, port } = await startChild(mode);
  const crowd = (r: number) => Array.from({ length: users }, (_, i) => visitor(port, r * users + i));
  // One unmeasured round first, so both servers are compared warm (JIT, caches).
  await round(crowd(rounds), []);
  await markChild(child);
  const clientCpu = process.cpuUsage();
  const latencies: number[] = [];
  let turns = 0;
  let seconds = 0;
  for (let r = 0; r < rounds; r++) {
    const result = await round(crowd(r), latencies);
    turns += result.turns;
    seconds += result.seconds;
  }
  const client = process.cpuUsage(clientCpu);
  const { peakRss, cpuMs, extra } = await stopChild(child);
  return { turns, seconds, latencies, peakRss, serverCpuMs: cpuMs, clientCpuMs: (client.user + client.system) / 1000, extra };
}

function heapOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (msg: { type: string; heapUsed?: number }) => {
      if (msg.type !== 'heap') return;
      child.off('message', onMessage);
      resolve(msg.heapUsed!);
    };
    child.on('message', onMessage);
    child.send({ type: 'heap' });
  });
}

/**
 * Fixed-time run: every user does journeys back to back until the time is up. The server's live
 * heap (after a full GC) is read after a warm-up quarter and at the end: its growth divided by
 * the journeys finished in between is what each finished conversation leaves in memory.
 */
async function sustained(modes: Mode | Mode[], visitor: (ports: number[], index: number) => Visitor): Promise<RunResult & { heapPerJourneyKiB: number; journeys: number; failed: number }> {
  const children = await Promise.all([modes].flat().map((mode) => startChild(mode)));
  const ports = children.map((c) => c.port);
  await Promise.all(children.map(({ child }) => markChild(child)));
  const clientCpu = process.cpuUsage();
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const warmUpEnd = started + (seconds * 1000) / 4;
  let turns = 0;
  let journeys = 0;
  let failed = 0;
  let journeysAtMark = 0;
  let heapAtMark = 0;
  let next = 0;
  const marking = (async () => {
    await new Promise((resolve) => setTimeout(resolve, warmUpEnd - performance.now()));
    journeysAtMark = journeys;
    heapAtMark = await heapOf(children[0]!.child);
  })();
  await Promise.all(
    Array.from({ length: users }, async () => {
      const same = returning || twoServers ? visitor(ports, next++) : undefined;
      while (performance.now() < deadline) {
        const v = same ?? visitor(ports, next++);
        try {
          await v.connect();
          // Not `turns += await …`: that reads `turns` before the await and loses the other users' turns.
          const played = await v.play(latencies);
          turns += played;
          journeys += 1;
        } catch (err) {
          // A reply that never came, or a journey that went wrong: counted, not hidden (the first one said).
          if (failed === 0) console.error(`premier parcours échoué : ${(err as Error).message}`);
          failed += 1;
          if (same) break;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await marking;
  const heapEnd = await heapOf(children[0]!.child);
  const client = process.cpuUsage(clientCpu);
  const stopped = await Promise.all(children.map(({ child }) => stopChild(child)));
  const heapPerJourneyKiB = (heapEnd - heapAtMark) / 1024 / Math.max(1, journeys - journeysAtMark);
  return {
    turns,
    seconds: elapsed,
    latencies,
    peakRss: stopped.reduce((sum, s) => sum + s.peakRss, 0),
    serverCpuMs: stopped.reduce((sum, s) => sum + s.cpuMs, 0),
    clientCpuMs: (client.user + client.system) / 1000,
    extra: { ...stopped[0]!.extra, failedJourneys: failed },
    heapPerJourneyKiB,
    journeys,
    failed,
  };
}

/**
 * A user who comes back journey after journey, each time to the next server (the same cookie):
 * what one server wrote, the other must know (« recommencer » then the 7 needs again).
 */
function alternatingVisitor(ports: number[]): Visitor {
  let cookie: string | undefined;
  let journey = 0;
  let client: Client | undefined;
  return {
    async connect() {
      const port = ports[journey % ports.length]!;
      if (!cookie) {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        cookie = res.headers.get('set-cookie')!.split(';')[0]!;
        await res.text();
      }
      client?.ws.close();
      client = await Client.open(`ws://127.0.0.1:${port}/ws`, { cookie });
    },
    async play(latencies) {
      journey += 1;
      let turns = 0;
      const step = async (frame: object) => {
        const { ms, last } = await withTimeout(client!.turn(frame, prompt), 30_000);
        latencies.push(ms);
        turns += 1;
        return last;
      };
      let last = await step({ type: 'hello' });
      if (journey === 1) {
        last = await step(button(last, /^Association/));
        last = await step(button(last, /employeuse/i));
        last = await step(button(last, /./));
        last = await step({ type: 'message', text: '69' });
        last = await step(button(last, /Diagnostic/));
      } else {
        last = await step({ type: 'message', text: 'recommencer' });
        last = await step(button(last, /^Oui/));
      }
      for (let i = 0; i < 7; i++) last = await step(button(last, i % 3 === 0 ? /^1 ·/ : /^3 ·/));
      if (!/Mon bilan/.test(last.quick_replies!.map((q) => q.title).join())) throw new Error('journey did not reach recommendations');
      return turns;
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('no reply')), ms).unref())]);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

function summary(name: string, r: RunResult) {
  return {
    name,
    turns: r.turns,
    seconds: Number(r.seconds.toFixed(2)),
    turnsPerSecond: Number((r.turns / r.seconds).toFixed(1)),
    p50ms: Number(percentile(r.latencies, 50).toFixed(2)),
    p99ms: Number(percentile(r.latencies, 99).toFixed(2)),
    serverCpuMsPerTurn: Number((r.serverCpuMs / r.turns).toFixed(3)),
    clientCpuMsPerTurn: Number((r.clientCpuMs / r.turns).toFixed(3)),
    peakRssMiB: Number((r.peakRss / 1024 / 1024).toFixed(1)),
    ...r.extra,
  };
}

if (seconds > 0 && twoServers) {
  // The same users come back journey after journey, each time to the other server.
  const cluster = await startPostgres();
  try {
    process.env.BENCH_DATABASE_URL = await cluster.database();
    const one = await sustained('bot-pg', (ports) => alternatingVisitor(ports));
    process.env.BENCH_DATABASE_URL = await cluster.database();
    const two = await sustained(['bot-pg', 'bot-pg'], (ports) => alternatingVisitor(ports));
    console.log(`\n${users} utilisateurs revenant parcours après parcours pendant ${seconds} s, sur PostgreSQL : un serveur, puis deux (chaque parcours sur l'autre serveur) (node ${process.version})`);
    const rows = [summary('un serveur', one), summary('deux serveurs, en alternance', two)];
    console.table(rows);
    console.log(`parcours échoués (réponse jamais venue ou parcours faussé) : ${one.failed} sur un serveur, ${two.failed} sur deux`);
  } finally {
    await cluster.stop();
  }
  process.exit(0);
}

if (seconds > 0 && onPostgres) {
  const cluster = await startPostgres();
  try {
    process.env.BENCH_DATABASE_URL = await cluster.database();
    const visitor = (ports: number[]) => (returning ? returningVisitor(ports[0]!) : botVisitor(ports[0]!));
    const files = await sustained('bot', visitor);
    const database = await sustained('bot-pg', visitor);
    console.log(`\n${users} utilisateurs simultanés pendant ${seconds} s, parcours en boucle : le compagnon sur DATA_DIR puis sur PostgreSQL (node ${process.version})`);
    const rows = [summary('compagnon, DATA_DIR (lowdb)', files), summary('compagnon, PostgreSQL', database)];
    console.table(rows);
    console.log(`p99 PostgreSQL / DATA_DIR : ${(rows[1]!.p99ms / rows[0]!.p99ms).toFixed(2)} (objectif ≤ 1,5) ; débit ${((rows[1]!.turnsPerSecond / rows[0]!.turnsPerSecond) * 100).toFixed(0)} %`);
  } finally {
    await cluster.stop();
  }
  process.exit(0);
}

if (seconds > 0) {
  const bot = await sustained('bot', (ports) => (returning ? returningVisitor(ports[0]!) : botVisitor(ports[0]!)));
  const echo = await sustained('echo', (ports, index) => echoVisitor(ports[0]!, index, 13));
  const who = returning ? 'les mêmes utilisateurs refont le diagnostic (« recommencer »)' : 'un nouveau visiteur à chaque parcours';
  console.log(`\n${users} utilisateurs simultanés pendant ${seconds} s, parcours en boucle : ${who} (node ${process.version})`);
  console.table([summary('compagnon (diagnostic complet)', bot), summary('écho Botkit nu', echo)]);
  console.log(
    `mémoire vive du serveur (après GC) : +${bot.heapPerJourneyKiB.toFixed(2)} Kio par conversation terminée ` +
      `(${bot.journeys} parcours ; l'écho : +${echo.heapPerJourneyKiB.toFixed(2)} Kio par série de 13 tours)`,
  );
  console.log(`données gardées par utilisateur (fichier) : ${String(bot.extra?.bytesPerUser ?? '?')} octets`);
  process.exit(0);
}

const bot = await run('bot', (port) => botVisitor(port));
const turnsPerUser = bot.turns / users / rounds;
const echo = await run('echo', (port, index) => echoVisitor(port, index, turnsPerUser));

const rows = [summary('compagnon (diagnostic complet)', bot), summary('écho Botkit nu', echo)];
console.log(`\n${users} utilisateurs simultanés, ${turnsPerUser} tours chacun, ${rounds} tours de mesure après 1 d'échauffement (node ${process.version})`);
console.table(rows);
const throughputRatio = rows[0]!.turnsPerSecond / rows[1]!.turnsPerSecond;
console.log(`débit compagnon / écho : ${(throughputRatio * 100).toFixed(0)} % (objectif ≥ 50 %)`);
console.log(`p99 compagnon : ${rows[0]!.p99ms} ms (objectif < 100 ms)`);
console.log(`RSS max compagnon / écho : ${(rows[0]!.peakRssMiB / rows[1]!.peakRssMiB).toFixed(2)}`);
console.log(
  `CPU serveur par tour : ${rows[0]!.serverCpuMsPerTurn} ms contre ${rows[1]!.serverCpuMsPerTurn} ms pour l'écho ` +
    `(moins sensible au bruit de la machine que le temps écoulé)`,
);
