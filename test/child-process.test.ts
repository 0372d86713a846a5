import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRunning, killSpawned, spawnTracked } from './helpers/child-process.js';
import { tempDir } from './helpers/temp-dir.js';
import { startFamily } from './fixtures/process-family.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(async () => {
  await killSpawned();
  tmp.cleanup();
});

/** Whether the process is gone within `timeoutMs` (a SIGKILL is delivered asynchronously). */
async function gone(pid: number, timeoutMs = 3000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

describe('processes started by tests (test/helpers/child-process.ts)', () => {
  it('are killed with the children they started themselves', async () => {
    const { childPid, grandchildPid } = await startFamily();
    expect(isRunning(childPid)).toBe(true);
    expect(isRunning(grandchildPid)).toBe(true);
    await killSpawned();
    expect(await gone(childPid)).toBe(true);
    expect(await gone(grandchildPid)).toBe(true);
  });

  it('leave no grandchild behind even when the child itself was already killed, as a plain kill does', async () => {
    const { child, childPid, grandchildPid } = await startFamily();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(await gone(childPid)).toBe(true);
    // What the tests did before: the child is dead, its own child still runs.
    expect(isRunning(grandchildPid)).toBe(true);
    await killSpawned();
    expect(await gone(grandchildPid)).toBe(true);
  });

  it('leave nothing running after a test that failed or timed out', async () => {
    const pidsFile = path.join(tmp.dir, 'pids');
    // The outer run's variables would make the inner vitest believe it is one of its workers.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
    const run = spawnTracked(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/fixtures/child-cleanup.vitest.config.ts', '--reporter', 'verbose'],
      { env: { ...env, PIDS_FILE: pidsFile, FORCE_COLOR: '0', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    run.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    run.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));

    expect(code, output).toBe(1);
    expect(output).toMatch(/échec voulu/);
    expect(output).toMatch(/timed out in 1000ms/);
    const pids = readFileSync(pidsFile, 'utf8').split(/\s+/).filter(Boolean).map(Number);
    expect(pids, output).toHaveLength(4);
    for (const pid of pids) expect(await gone(pid), `process ${pid}`).toBe(true);
  }, 60_000);
});
