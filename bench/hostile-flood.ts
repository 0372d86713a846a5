// tsx bench/hostile-flood.ts [--seconds 10] [--root <checkout>]
// One anonymous socket floods the web chat at full speed (messages, `hello`, malformed frames,
// reconnecting whenever it is closed) while another user asks a question twice a second. Prints
// that user's latency before and during the flood, what the flood cost in log and data bytes,
// and the server's CPU. The server is `src/app/main.ts` of --root (this checkout by default) with
// its default limits, in its own process; the flooder is a third process.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { flag, numberOption, textOption } from './bench-args.js';


async function cookieOf(url: string): Promise<string> {
  const res = await fetch(url);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error(`no cookie (HTTP ${res.status})`);
  return cookie.split(';')[0]!;
}

function open(url: string, cookie: string): Promise<WebSocket> {
  const ws = new WebSocket(url.replace(/^http/, 'ws').replace(/\/$/, '') + '/ws', { headers: { cookie } });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

/** The flooding process: one identity, one socket at a time, as fast as the socket takes frames. */
async function flood(url: string): Promise<void> {
  const cookie = await cookieOf(url);
  let sent = 0;
  let reconnects = 0;
  let stop = false;
  process.on('message', () => {
    stop = true;
  });
  while (!stop) {
    let ws: WebSocket;
    try {
      ws = await open(url, cookie);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 5));
      reconnects += 1;
      continue;
    }
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    let isClosed = false;
    void closed.then(() => (isClosed = true));
    ws.on('error', () => undefined);
    while (!stop && !isClosed) {
      for (let i = 0; i < 100 && ws.readyState === ws.OPEN; i++) {
        const k = sent % 3;
        ws.send(k === 0 ? JSON.stringify({ type: 'message', text: `menu ${sent}` }) : k === 1 ? '{"type":"hello"}' : `pas du json ${sent}`);
        sent += 1;
      }
      // Let the socket drain: full speed, not an unbounded buffer in this process.
      while (ws.bufferedAmount > 1_000_000 && !isClosed) await new Promise((resolve) => setTimeout(resolve, 1));
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!isClosed) ws.terminate();
    reconnects += 1;
  }
  process.send?.({ sent, reconnects: reconnects - 1 });
  process.exit(0);
}

/** A person asking a question every 500 ms; the time to the first reply of each. */
async function asker(url: string, seconds: number): Promise<number[]> {
  const ws = await open(url, await cookieOf(url));
  const latencies: number[] = [];
  let waiting: ((at: number) => void) | undefined;
  ws.on('message', () => waiting?.(performance.now()));
  ws.send(JSON.stringify({ type: 'hello' }));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const started = performance.now();
    const answered = new Promise<number>((resolve) => (waiting = resolve));
    ws.send(JSON.stringify({ type: 'message', text: "c'est quoi un PTCE ?" }));
    const at = await Promise.race([answered, new Promise<number>((resolve) => setTimeout(() => resolve(performance.now()), 30_000))]);
    waiting = undefined;
    latencies.push(at - started);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 500 - (performance.now() - started))));
  }
  ws.close();
  return latencies;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);
}

async function main(): Promise<void> {
  const seconds = numberOption('seconds', 10);
  const root = path.resolve(textOption('root', fileURLToPath(new URL('..', import.meta.url))));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'odd17-flood-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', JEUDIS_SCHEDULER: 'off', TEAMS_DEV_MODE: 'false' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let logBytes = 0;
  let url = '';
  server.stdout!.on('data', (chunk: Buffer) => {
    logBytes += chunk.length;
    url ||= /"url":"([^"]+)"/.exec(chunk.toString())?.[1] ?? '';
  });
  const killServer = () => {
    try {
      process.kill(-server.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.on('exit', killServer);
  while (!url) await new Promise((resolve) => setTimeout(resolve, 20));
  const cpu = async () => Number((await import('node:fs')).readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ').slice(11, 13).reduce((a, b) => a + Number(b), 0)) * 10;
  let flooder: ChildProcess | undefined;
  try {
    const quiet = await asker(url, Math.min(5, seconds));
    const before = { logs: logBytes, data: dirBytes(dataDir), cpuMs: await cpu() };
    flooder = fork(fileURLToPath(import.meta.url), ['--flooder', url], { execArgv: ['--import', 'tsx'] });
    const counts = new Promise<{ sent: number; reconnects: number }>((resolve) => flooder!.once('message', (m) => resolve(m as { sent: number; reconnects: number })));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const during = await asker(url, seconds);
    flooder.send('stop');
    const { sent, reconnects } = await counts;
    const after = { logs: logBytes, data: dirBytes(dataDir), cpuMs: await cpu() };
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    console.log(`server: ${root}`);
    console.log(`quiet:    ${quiet.length} questions, p50 ${ms(percentile(quiet, 50))}, p95 ${ms(percentile(quiet, 95))}, max ${ms(Math.max(...quiet))}`);
    console.log(`flooded:  ${during.length} questions, p50 ${ms(percentile(during, 50))}, p95 ${ms(percentile(during, 95))}, max ${ms(Math.max(...during))}`);
    console.log(`flood:    ${sent.toLocaleString('en')} frames in ${seconds} s (${Math.round(sent / seconds).toLocaleString('en')}/s), ${reconnects} reconnections after the server closed the socket`);
    console.log(`cost:     logs +${((after.logs - before.logs) / 1024).toFixed(1)} kB, data directory +${((after.data - before.data) / 1024).toFixed(1)} kB, server CPU ${(after.cpuMs - before.cpuMs).toFixed(0)} ms`);
    console.log(`goals:    p95 < 100 ms ${percentile(during, 95) < 100 ? 'met' : 'MISSED'}; logs < 100 kB ${after.logs - before.logs < 100_000 ? 'met' : 'MISSED'}; data < 1 MB ${after.data - before.data < 1_000_000 ? 'met' : 'MISSED'}`);
  } finally {
    flooder?.kill('SIGKILL');
    killServer();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (flag('flooder')) await flood(textOption('flooder', ''));
else await main();
