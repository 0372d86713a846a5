import { pino, type Logger } from 'pino';
import { ConfigSchema } from '../../src/infra/config/config-schema.js';
import { startServer, type RunningServer, type StartOptions } from '../../src/app/start-server.js';
import { testClock } from './clock.js';
import { CONTENT_DIR } from './conversation.js';

/** One JSON log line as pino wrote it. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** The server's log, kept in memory (debug and above), for tests that check what was logged. */
export class LogCapture {
  readonly lines: LogLine[] = [];
  readonly logger: Logger = pino({ level: 'debug' }, { write: (chunk: string) => void this.lines.push(JSON.parse(chunk) as LogLine) });

  /** The lines whose message matches. */
  find(msg: RegExp): LogLine[] {
    return this.lines.filter((l) => msg.test(l.msg));
  }
}

/**
 * The real server on 127.0.0.1 (a free port), the way test/helpers/server.ts starts it, but with
 * the Teams endpoint in development mode by default (TEAMS_DEV_MODE=true: without a bot
 * registration it would answer 503) and, when given, its log kept in `logs`.
 */
export function startTeamsServer(
  dataDir: string,
  overrides: Record<string, string> = {},
  options: StartOptions & { logs?: LogCapture } = {},
): Promise<RunningServer> {
  const config = ConfigSchema.parse({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    CONTENT_DIR,
    LOG_LEVEL: 'silent',
    STORAGE_FLUSH_MS: '20',
    JEUDIS_SCHEDULER: 'off',
    TEAMS_DEV_MODE: 'true',
    ...overrides,
  });
  const { logs, ...start } = options;
  return startServer(config, logs?.logger ?? pino({ level: 'silent' }), { ...start, now: start.now ?? testClock() });
}

/** A local port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Collects the unhandled rejections of the process while a test runs (there must be none). */
export function watchUnhandledRejections(): { reasons: unknown[]; stop(): void } {
  const reasons: unknown[] = [];
  const listener = (reason: unknown) => void reasons.push(reason);
  process.on('unhandledRejection', listener);
  return { reasons, stop: () => void process.off('unhandledRejection', listener) };
}
