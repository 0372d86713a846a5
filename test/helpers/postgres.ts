import { afterAll, beforeAll } from 'vitest';
import { startPostgres, type TestPostgres } from '../../scripts/postgres-cluster.js';

export { startPostgres };

/** A PostgreSQL for the tests of a file: started before them, stopped after them. */
export function usePostgres(): { database(): Promise<string> } {
  let server: TestPostgres | undefined;
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  return {
    database: () => {
      if (!server) throw new Error('usePostgres(): no server (read it inside a test)');
      return server.database();
    },
  };
}
