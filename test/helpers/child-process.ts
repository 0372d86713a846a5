import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/**
 * Processes started by tests. Each runs in its own process group (`detached`), so that killing
 * the group also kills what it started itself (the node child of a `tsx` wrapper, a server's
 * workers). Call `killSpawned()` in the file's `afterEach` (vitest runs it also after a failed or
 * timed-out test): it kills every group.
 */
const spawned = new Set<ChildProcess>();

/** `spawn` in a new process group, tracked until `killSpawned()`. */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid !== undefined) spawned.add(child);
  return child;
}

/** `node --import tsx <script>`: node itself with tsx's loader, so that the pid is the script's own. */
export function spawnTsx(script: string, args: readonly string[] = [], options: SpawnOptions = {}): ChildProcess {
  return spawnTracked(process.execPath, ['--import', 'tsx', script, ...args], options);
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already empty.
  }
}

/**
 * SIGKILLs the process group of every tracked child, whether or not the child itself has exited
 * (its children may not have), and waits until each child has exited.
 */
export async function killSpawned(): Promise<void> {
  const children = [...spawned];
  spawned.clear();
  await Promise.all(
    children.map((child) => {
      const exited =
        child.exitCode !== null || child.signalCode !== null
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              child.once('exit', () => resolve());
              // Never hang a hook: a SIGKILLed child is gone at once; give up after 5 s anyway.
              setTimeout(resolve, 5000).unref();
            });
      killGroup(child.pid!);
      return exited;
    }),
  );
}

/** Whether a process is still running (a zombie, killed but not yet reaped, counts as gone). */
export function isRunning(pid: number): boolean {
  if (!existsSync('/proc/self/stat')) {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) S ...": the state follows the last ')'.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

// Best effort when a worker exits by itself (a worker killed by a signal runs no handler: the
// afterEach(killSpawned) of each file is what counts).
process.once('exit', () => {
  for (const child of spawned) killGroup(child.pid!);
});
