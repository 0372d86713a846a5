import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout, one object per line. */
export function createLogger(level: string = 'info'): Logger {
  return pino({ level, base: { app: 'compagnon-odd17' }, timestamp: pino.stdTimeFunctions.isoTime });
}
