import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { findPostgresBin } from './postgres.js';

/**
 * A real PostgreSQL for the tests and the benchmarks, never a mock: a throwaway cluster (initdb and pg_ctl from the
 * system's binaries into a temporary folder, listening on a free port of 127.0.0.1 only, stopped
 * and removed after the file's tests, also when they fail), or the server of TEST_DATABASE_URL.
 * Each `database()` is a new, empty database of it.
 */
export interface TestPostgres {
  /** A new empty database; its URL. */
  database(): Promise<string>;
  stop(): Promise<void>;
}

/** PostgreSQL refuses to run as root: then its commands run as the `postgres` user Debian's package creates. */
function asPostgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim()));
  return { uid: uid!, gid: gid! };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let counter = 0;

async function createDatabase(adminUrl: string): Promise<string> {
  const name = `odd17_test_${process.pid}_${++counter}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Starts a throwaway cluster (or uses TEST_DATABASE_URL's server). */
export async function startPostgres(): Promise<TestPostgres> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return { database: () => createDatabase(external), stop: async () => {} };
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL introuvable : lancez npm test (qui l’installe), apt-get install postgresql, POSTGRES_BIN ou TEST_DATABASE_URL.');
  const owner = asPostgresUser();
  const dir = mkdtempSync(path.join(tmpdir(), 'odd17-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, 'data');
  const run = (command: string, args: string[]) =>
    execFileSync(owner ? 'runuser' : path.join(bin, command), owner ? ['-u', 'postgres', '--', path.join(bin, command), ...args] : args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
  const port = await freePort();
  let started = false;
  const stopNow = () => {
    if (!started) return;
    started = false;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Already stopped.
    }
  };
  // A worker that dies without its afterAll still stops its cluster.
  process.once('exit', stopNow);
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    // Only 127.0.0.1, its socket in the temporary folder; durability traded for speed (a test cluster).
    const options = `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    started = true;
  } catch (err) {
    stopNow();
    rmSync(dir, { recursive: true, force: true });
    const detail = (err as { stderr?: Buffer }).stderr?.toString() ?? (err as Error).message;
    throw new Error(`PostgreSQL de test : le démarrage a échoué (${detail.trim()})`);
  }
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    database: () => createDatabase(adminUrl),
    stop: async () => {
      stopNow();
      process.off('exit', stopNow);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

