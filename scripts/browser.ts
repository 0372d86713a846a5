// The browser the browser tests drive (through playwright-core), found the same way by
// `npm test`'s pretest step (scripts/ensure-test-tools.ts) and by test/helpers/browser.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** Where Debian's `chromium` package puts it. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** What `.ci/run` always installed: Debian's Chromium and a font for its pages. */
export const DEBIAN_PACKAGES = ['chromium', 'fonts-dejavu-core'];

type Env = Record<string, string | undefined>;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function inPath(command: string, env: Env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, command))) return path.join(dir, command);
  }
  return undefined;
}

/**
 * CHROMIUM_PATH when it is set (then nothing else, so that a wrong value is said, not hidden),
 * otherwise Debian's /usr/bin/chromium, otherwise `chromium` found in PATH.
 */
export function findBrowser(env: Env = process.env, debianPath = DEBIAN_CHROMIUM): string | undefined {
  if (env.CHROMIUM_PATH) return isExecutable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  if (isExecutable(debianPath)) return debianPath;
  return inPath('chromium', env);
}

/** `chromium --version` (« Chromium 150.0… built on Debian… »); throws when it does not run. */
export function browserVersion(executable: string): string {
  return execFileSync(executable, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 }).trim();
}

/** apt-get install of Debian's chromium, as root or with `sudo -n`; false when neither is possible. */
export function installDebianChromium(env: Env = process.env, log: (line: string) => void = console.log): boolean {
  if (!inPath('apt-get', env)) return false;
  const root = process.getuid?.() === 0;
  const sudo = !root && inPath('sudo', env) !== undefined && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!root && !sudo) return false;
  const run = (args: string[]) => {
    const [command, ...rest] = sudo ? ['sudo', '-n', 'apt-get', ...args] : ['apt-get', ...args];
    log(`$ ${[command, ...rest].join(' ')}`);
    return spawnSync(command!, rest, { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  };
  return run(['update', '-q']) && run(['install', '-y', '-q', '--no-install-recommends', ...DEBIAN_PACKAGES]);
}

export interface EnsureDeps {
  env?: Env;
  debianPath?: string;
  install?: (env: Env, log: (line: string) => void) => boolean;
  version?: (executable: string) => string;
  log?: (line: string) => void;
}

const HOW_TO_INSTALL = [
  `  Installez-le / install it:  sudo apt-get install ${DEBIAN_PACKAGES.join(' ')}   (Debian, Ubuntu)`,
  '  ou indiquez un Chromium ou Chrome existant / or point to an existing Chromium or Chrome:',
  '    CHROMIUM_PATH=/chemin/vers/chromium npm test',
].join('\n');

/**
 * Finds the browser of the browser tests, installs Debian's chromium when there is none (and
 * CHROMIUM_PATH does not name another), and says in one line which one the tests will use.
 * Returns the exit code: 0 with a browser, 1 (and how to get one) without.
 */
export function ensureBrowser(deps: EnsureDeps = {}): number {
  const env = deps.env ?? process.env;
  const log = deps.log ?? console.log;
  const version = deps.version ?? browserVersion;
  let found = findBrowser(env, deps.debianPath);
  if (!found && env.CHROMIUM_PATH) {
    log(`Chromium introuvable : CHROMIUM_PATH=${env.CHROMIUM_PATH} n'est pas un exécutable.`);
    log(`Chromium not found: CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file. Fix it, or unset it to use Debian's chromium.`);
    log(HOW_TO_INSTALL);
    return 1;
  }
  if (!found) {
    log(`Chromium introuvable : installation du paquet Debian (${DEBIAN_PACKAGES.join(', ')}) pour les tests du navigateur…`);
    log("Chromium not found: installing Debian's package for the browser tests…");
    const installed = (deps.install ?? installDebianChromium)(env, log);
    found = installed ? findBrowser(env, deps.debianPath) : undefined;
    if (!found) {
      log(
        installed
          ? "Chromium toujours introuvable après l'installation / still not found after the installation."
          : "Impossible d'installer Chromium ici (il faut apt-get, et être root ou pouvoir faire sudo sans mot de passe) / cannot install Chromium here (needs apt-get, and root or password-less sudo).",
      );
      log(HOW_TO_INSTALL);
      return 1;
    }
  }
  let name: string;
  try {
    name = version(found);
  } catch (err) {
    log(`Chromium ne démarre pas / does not start: ${found} --version : ${(err as Error).message}`);
    log(HOW_TO_INSTALL);
    return 1;
  }
  log(`Navigateur des tests (browser for the tests): ${name} — ${found}`);
  return 0;
}
