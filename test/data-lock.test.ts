import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataLock, DataLockError, LOCK_FILE } from '../src/infra/storage/data-lock.js';
import { killSpawned, spawnTracked, spawnTsx } from './helpers/child-process.js';
import { tempDir } from './helpers/temp-dir.js';

let tmp: ReturnType<typeof tempDir>;
const locks: DataLock[] = [];
beforeEach(() => (tmp = tempDir()));
// Also after a failed test: no process is left behind.
afterEach(async () => {
  locks.splice(0).forEach((l) => l.release());
  await killSpawned();
  tmp.cleanup();
});

const lockFile = () => path.join(tmp.dir, LOCK_FILE);
const acquire = () => {
  const lock = DataLock.acquire(tmp.dir);
  locks.push(lock);
  return lock;
};
const owner = () => JSON.parse(readFileSync(lockFile(), 'utf8')) as { pid: number; start?: string; token?: string };

let lastSleeper: ChildProcess | undefined;

/** A live process that is not this program. */
async function sleeper(): Promise<number> {
  const child = spawnTracked('sleep', ['30'], { stdio: 'ignore' });
  lastSleeper = child;
  await new Promise<void>((resolve, reject) => child.once('spawn', resolve).once('error', reject));
  return child.pid!;
}

/** Another live instance of this program holding the lock of the same directory. */
async function otherHolder(): Promise<ChildProcess> {
  const child = spawnTsx('test/fixtures/hold-data-lock.ts', [], {
    env: { ...process.env, DATA_DIR: tmp.dir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code})`)));
  });
  return child;
}

describe('the data-directory lock', () => {
  it('writes the pid, the start time of the process and a random token', () => {
    acquire();
    expect(owner()).toMatchObject({ pid: process.pid, token: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    if (existsSync('/proc/self/stat')) expect(owner().start).toMatch(/:\d+$/);
  });

  it('takes over a lock that holds our own pid but that this process did not take (pid 12 of a restarted container)', () => {
    writeFileSync(lockFile(), String(process.pid));
    acquire();
    expect(owner().pid).toBe(process.pid);
    // The same with a lock written by the previous process in the new format.
    locks.splice(0).forEach((l) => l.release());
    writeFileSync(lockFile(), JSON.stringify({ pid: process.pid, start: 'boot:1', token: 'earlier-process' }));
    acquire();
    expect(owner().token).not.toBe('earlier-process');
  });

  it('is refused to a second taker in the same process while the first holds it', () => {
    const first = acquire();
    expect(() => DataLock.acquire(tmp.dir)).toThrow(DataLockError);
    first.release();
    expect(existsSync(lockFile())).toBe(false);
    acquire();
  });

  it.runIf(existsSync('/proc/self/stat'))('takes over a lock whose pid is now a process that is not this program', async () => {
    const pid = await sleeper();
    // A lock of an older version (the bare pid), reused by `sleep`.
    writeFileSync(lockFile(), String(pid));
    acquire();
    expect(owner().pid).toBe(process.pid);
    // A lock of this version whose pid was reused: another start time.
    locks.splice(0).forEach((l) => l.release());
    writeFileSync(lockFile(), JSON.stringify({ pid, start: 'another-boot:42', token: 'gone' }));
    acquire();
    expect(owner().pid).toBe(process.pid);
  });

  it('takes over a lock whose process no longer runs', async () => {
    const pid = await sleeper();
    const child = lastSleeper!;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    writeFileSync(lockFile(), String(pid));
    acquire();
    expect(owner().pid).toBe(process.pid);
  });

  it('is refused while another live instance of this program holds it, then taken once that one is killed', async () => {
    const holder = await otherHolder();
    expect(owner().pid).toBe(holder.pid);
    expect(() => DataLock.acquire(tmp.dir)).toThrow(/déjà utilisé par un autre processus \(pid \d+\)/);
    expect(owner().pid).toBe(holder.pid);
    const exited = new Promise<void>((resolve) => holder.once('exit', () => resolve()));
    holder.kill('SIGKILL');
    await exited;
    acquire();
    expect(owner().pid).toBe(process.pid);
  });

  it('is not removed by a release after another process took it over', () => {
    const lock = acquire();
    writeFileSync(lockFile(), JSON.stringify({ pid: 1, start: 'x', token: 'someone-else' }));
    lock.release();
    expect(existsSync(lockFile())).toBe(true);
  });
});
