import type { ChildProcess } from 'node:child_process';
import { spawnTsx } from './child-process.js';

export interface MainProcess {
  child: ChildProcess;
  /** JSON log lines written so far on stdout. */
  lines: string[];
  exit: Promise<number | null>;
  stderr: () => string;
}

/**
 * `npm start` as production runs it (src/app/main.ts), on 127.0.0.1 and a free port, logging JSON
 * on stdout. Started through spawnTsx: the file's `afterEach(killSpawned)` kills it.
 */
export function startMain(dataDir: string, env: Record<string, string> = {}): MainProcess {
  const child = spawnTsx('src/app/main.ts', [], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, JEUDIS_SCHEDULER: 'off', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let err = '';
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts.filter((l) => l.trim() !== ''));
  });
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, lines, exit, stderr: () => err };
}

/** The server's address, once its « prêt » line is logged. */
export async function urlOf(main: MainProcess): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const ready = main.lines.map((l) => JSON.parse(l) as { url?: string }).find((l) => l.url);
    if (ready?.url) return ready.url;
    if (main.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`server did not start: ${main.lines.join('\n')}${main.stderr()}`);
}
