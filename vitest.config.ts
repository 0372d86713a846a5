import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Unit tests of the pure modules sit beside them (src/**/<module>.test.ts); the tests of the
    // whole (conversations, the server, Teams, storage, the browser) are in test/.
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Server tests bind ports and write data directories; keep them in separate workers but bounded for 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
