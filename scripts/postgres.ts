// The PostgreSQL server binaries the tests start throwaway clusters with, found the same way by
// `npm test`'s pretest step (scripts/ensure-test-tools.ts) and by test/helpers/postgres.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import path from 'node:path';

type Env = Record<string, string | undefined>;

/** Debian's `postgresql` package: its server binaries are under /usr/lib/postgresql/<major>/bin. */
const DEBIAN_ROOT = '/usr/lib/postgresql';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The folder of `initdb`, `pg_ctl` and `postgres`: POSTGRES_BIN when set, else the newest of
 * Debian's /usr/lib/postgresql/<major>/bin, else the folder of an `initdb` in PATH.
 */
export function findPostgresBin(env: Env = process.env, debianRoot = DEBIAN_ROOT): string | undefined {
  if (env.POSTGRES_BIN) return isExecutable(path.join(env.POSTGRES_BIN, 'initdb')) ? env.POSTGRES_BIN : undefined;
  try {
    const majors = readdirSync(debianRoot)
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(b) - Number(a));
    for (const major of majors) {
      const bin = path.join(debianRoot, major, 'bin');
      if (isExecutable(path.join(bin, 'initdb')) && isExecutable(path.join(bin, 'pg_ctl'))) return bin;
    }
  } catch {
    // No Debian package: look in PATH.
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, 'initdb')) && isExecutable(path.join(dir, 'pg_ctl'))) return dir;
  }
  return undefined;
}

/** `postgres --version` (« postgres (PostgreSQL) 15.18 »). */
export function postgresVersion(bin: string): string {
  return execFileSync(path.join(bin, 'postgres'), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 }).trim();
}

/** apt-get install of Debian's postgresql, as root or with `sudo -n`; false when neither is possible. */
export function installDebianPostgres(env: Env = process.env, log: (line: string) => void = console.log): boolean {
  const root = process.getuid?.() === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!root && !sudo) return false;
  const run = (args: string[]) => {
    const [command, ...rest] = sudo ? ['sudo', '-n', 'apt-get', ...args] : ['apt-get', ...args];
    log(`$ ${[command, ...rest].join(' ')}`);
    return spawnSync(command!, rest, { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  };
  return run(['update', '-q']) && run(['install', '-y', '-q', '--no-install-recommends', 'postgresql']);
}

/**
 * Finds PostgreSQL for the tests (installs Debian's when there is none and no TEST_DATABASE_URL
 * names a server) and says which one they will use. Returns the exit code.
 */
export function ensurePostgres(env: Env = process.env, log: (line: string) => void = console.log): number {
  if (env.TEST_DATABASE_URL) {
    log('Tests PostgreSQL : le serveur de TEST_DATABASE_URL');
    return 0;
  }
  let bin = findPostgresBin(env);
  if (!bin && installDebianPostgres(env, log)) bin = findPostgresBin(env);
  if (!bin) {
    log(
      'PostgreSQL introuvable pour les tests / not found for the tests:\n' +
        '  sudo apt-get install postgresql   (Debian, Ubuntu), ou POSTGRES_BIN=/dossier/de/initdb, ou TEST_DATABASE_URL=postgres://…',
    );
    return 1;
  }
  log(`Tests PostgreSQL : ${postgresVersion(bin)} (${bin})`);
  return 0;
}
