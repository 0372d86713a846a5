import { spawnTsx } from './child-process.js';
import { waitUntil } from './eventually.js';
import type { FakeConnector } from './fake-connector.js';

/**
 * A server process (test/fixtures/jeudis-tick-child.ts, `env` its DATA_DIR, AT…) runs a Thursday
 * broadcast with 3 sends at a time; after 5 answered sends the connector holds the answers, so
 * that 3 sends have left when the process is killed (SIGKILL, as a crash). Resolves once it is
 * gone and the connector answers again. The file's `afterEach(killSpawned)` covers a failure.
 */
export async function crashMidBroadcast(connector: FakeConnector, env: Record<string, string>): Promise<void> {
  connector.holdAfterSends(5);
  // node itself (not the tsx wrapper, whose child would survive the kill) with tsx's loader.
  const child = spawnTsx('test/fixtures/jeudis-tick-child.ts', [], { env: { ...process.env, CONCURRENCY: '3', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitUntil(() => connector.heldCount() === 3, 'three sends held');
  child.kill('SIGKILL');
  await exited;
  connector.release();
}
