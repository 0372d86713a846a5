import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'compagnon.lock';

export class DataLockError extends Error {}

/** What the lock file says about its owner. `start` and `token` are absent in locks written by older versions. */
interface LockOwner {
  pid: number;
  /** When the owner process started (boot id and start time from /proc): a reused pid has another. */
  start?: string;
  /** Random, one per lock taken: tells this process's own live locks from a lock left by an earlier process with the same pid. */
  token?: string;
}

/** Tokens of the locks this process holds now. */
const held = new Set<string>();

/**
 * One process at a time on a data directory: two would overwrite each other's data and could
 * send a Thursday prompt twice. The lock file holds the owner's pid, its start time and a random
 * token. A lock is stale, and taken over, when its owner no longer runs: no process has that
 * pid, or the process that has it started at another time (the pid was reused, e.g. pid 12 of a
 * restarted container is this very process), or it is our own pid but not a lock this process
 * took. Without a start time (a lock written by an older version), a live pid counts as the
 * owner only if it is a node process.
 */
export class DataLock {
  private constructor(
    private readonly file: string,
    private readonly token: string,
  ) {}

  static acquire(dataDir: string): DataLock {
    const file = path.join(dataDir, LOCK_FILE);
    const token = randomUUID();
    const body = `${JSON.stringify({ pid: process.pid, start: processStart(process.pid), token } satisfies LockOwner)}\n`;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(file, body, { flag: 'wx' });
        held.add(token);
        return new DataLock(file, token);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') {
          throw new DataLockError(`Le dossier de données ${dataDir} n'est pas accessible en écriture (${code ?? (err as Error).message}) : vérifiez ses droits et l'espace disque.`);
        }
        const owner = readOwner(file);
        if (owner && holdsLock(owner)) {
          throw new DataLockError(`Le dossier de données ${dataDir} est déjà utilisé par un autre processus (pid ${owner.pid}). Arrêtez-le d'abord.`);
        }
        rmSync(file, { force: true });
      }
    }
    throw new DataLockError(`Impossible de verrouiller le dossier de données ${dataDir}.`);
  }

  /** Removes the lock file, unless another process has taken it over meanwhile. */
  release(): void {
    held.delete(this.token);
    if (readOwner(this.file)?.token === this.token) rmSync(this.file, { force: true });
  }
}

/** The owner written in the lock file: JSON, or a bare pid (older versions); undefined if unreadable. */
function readOwner(file: string): LockOwner | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
  if (/^\d+$/.test(text)) return { pid: Number(text) };
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    if (!Number.isInteger(parsed.pid)) return undefined;
    return {
      pid: parsed.pid!,
      start: typeof parsed.start === 'string' ? parsed.start : undefined,
      token: typeof parsed.token === 'string' ? parsed.token : undefined,
    };
  } catch {
    return undefined;
  }
}

/** Whether the process named in a lock file still runs and is the one that took the lock. */
function holdsLock(owner: LockOwner): boolean {
  if (owner.pid <= 0) return false;
  // Our own pid: held only by a lock this process took and has not released (not by a previous
  // process that had the same pid, as after a container restart).
  if (owner.pid === process.pid) return owner.token !== undefined && held.has(owner.token);
  if (!isRunning(owner.pid)) return false;
  const start = processStart(owner.pid);
  // No /proc (not Linux): a live pid is all we can tell.
  if (start === undefined) return true;
  if (owner.start !== undefined) return owner.start === start;
  return isNodeProcess(owner.pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When a process started, as `<boot id>:<start time in clock ticks since boot>` (Linux /proc),
 * or undefined where /proc is not available. Two processes with the same pid never share it.
 */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (in parentheses, which may hold spaces): the 22nd field of
    // the line, the start time, is the 20th after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 1).trim().split(/\s+/);
    const ticks = fields[19];
    if (!ticks) return undefined;
    const bootId = existsSync('/proc/sys/kernel/random/boot_id') ? readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() : '';
    return `${bootId}:${ticks}`;
  } catch {
    return undefined;
  }
}

/** Whether a process runs node (our program is a node process); true when it cannot be told. */
function isNodeProcess(pid: number): boolean {
  try {
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    return /^(node|nodejs|tsx)[-\d.]*$/.test(path.basename(argv0));
  } catch {
    return true;
  }
}
