import { pino } from 'pino';
import { ConfigSchema } from '../../src/infra/config/config-schema.js';
import { startServer, type RunningServer, type StartOptions } from '../../src/app/start-server.js';
import { testClock } from './clock.js';
import { CONTENT_DIR } from './conversation.js';

/**
 * Starts the real server on 127.0.0.1 with a free port and the given data directory. Its clock
 * starts at TEST_NOW (never the machine's date) unless `options.now` gives another.
 */
export function startTestServer(dataDir: string, overrides: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningServer> {
  const config = ConfigSchema.parse({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    CONTENT_DIR,
    LOG_LEVEL: 'silent',
    STORAGE_FLUSH_MS: '20',
    // Tests drive the Thursday broadcast with their own clock (server.jeudis.tick).
    JEUDIS_SCHEDULER: 'off',
    // Tests post Teams activities from this machine without a bot registration.
    TEAMS_DEV_MODE: 'true',
    ...overrides,
  });
  return startServer(config, pino({ level: 'silent' }), { ...options, now: options.now ?? testClock() });
}
