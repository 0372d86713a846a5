import { pino, type Logger } from 'pino';
import { ConfigSchema } from '../../src/infra/config/config-schema.js';
import { startServer, type RunningServer, type StartOptions } from '../../src/app/start-server.js';
import { testClock } from './clock.js';
import { CONTENT_DIR } from './content.js';

/** One JSON log line as pino wrote it. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** The server's log, kept in memory (debug and above), for tests that check what was logged. */
export class LogCapture {
  readonly lines: LogLine[] = [];
  /** The same lines as written, for tests that look for a word anywhere in them. */
  readonly written: string[] = [];
  readonly logger: Logger = pino(
    { level: 'debug' },
    {
      write: (chunk: string) => {
        this.written.push(chunk);
        this.lines.push(JSON.parse(chunk) as LogLine);
      },
    },
  );

  /** The lines whose message matches. */
  find(msg: RegExp): LogLine[] {
    return this.lines.filter((l) => msg.test(l.msg));
  }
}

/** What `startTestServer` takes besides the configuration: the start options and a log to keep. */
export type TestStartOptions = Partial<StartOptions> & { logs?: LogCapture };

/**
 * Starts the real server on 127.0.0.1 with a free port and the given data directory. Its clock
 * starts at TEST_NOW (never the machine's date) unless `options.now` gives another. The Teams
 * endpoint is in development mode (TEAMS_DEV_MODE=true: without a bot registration it would
 * answer 503), and the log is silent unless `options.logs` keeps it.
 */
export function startTestServer(dataDir: string, overrides: Record<string, string> = {}, options: TestStartOptions = {}): Promise<RunningServer> {
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
  const { logs, ...start } = options;
  return startServer(config, logs?.logger ?? pino({ level: 'silent' }), { ...start, now: start.now ?? testClock() });
}
