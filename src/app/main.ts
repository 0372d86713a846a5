import { ConfigError, loadConfig } from '../infra/config/load-config.js';
import { ContentError } from '../content/content-problem.js';
import { createLogger } from '../infra/logger.js';
import { startServer } from './start-server.js';
import { realClock } from './real-clock.js';
import { StorageError } from '../infra/storage/user-store.js';
import { DataLockError } from '../infra/storage/data-lock.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  // The last line of defence: every boundary catches its own errors, but if one is missed, one
  // request must not stop the process for everyone. It is logged as an error to be fixed.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection: caught at the process level, still serving'));
  process.on('uncaughtException', (err) => logger.error({ err }, 'uncaught exception: caught at the process level, still serving'));
  try {
    const server = await startServer(config, logger, { now: realClock });
    logger.info({ url: server.url }, `Compagnon ODD 17 ready: web chat on ${server.url}`);
    const stop = async (signal: string) => {
      logger.info({ signal }, 'shutting down');
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  } catch (err) {
    if (err instanceof ContentError) {
      logger.fatal({ problems: err.problems }, 'invalid content');
      console.error(err.message);
    } else if (err instanceof DataLockError) {
      logger.fatal({ err: err.message }, 'data directory in use');
      console.error(err.message);
    } else if (err instanceof StorageError) {
      logger.fatal({ err: err.message }, 'storage unavailable');
      console.error(err.message);
    } else {
      logger.fatal({ err }, 'start-up failed');
    }
    process.exit(1);
  }
}

void main();
