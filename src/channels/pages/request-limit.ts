import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { FloodGuard } from '../flood-guard.js';
import { clientAddress } from '../web/client-address.js';
import type { Clock } from '../../domain/clock.js';

export interface RequestLimitOptions {
  guard: FloodGuard;
  trustProxy: number;
  logger: Logger;
  /** Writes the refusal's body (the status, 429, and Retry-After are set). */
  refuse: (res: Response) => void;
  now: Clock;
}

/**
 * HTTP requests per client address, counted before any route runs: before a body is read, a
 * token checked or a page rendered. Over the limit: 429 with a Retry-After, logged once per flood.
 */
export function requestLimit(options: RequestLimitOptions) {
  return (req: Request, res: Response, next: NextFunction) => {
    const address = clientAddress(req, options.trustProxy);
    const verdict = options.guard.check(address, options.now().getTime());
    if (verdict === 'allow') return next();
    if (verdict === 'warn') options.logger.warn({ address }, 'http flood: requests refused for a few seconds');
    res.status(429).set('Retry-After', '10');
    options.refuse(res);
  };
}
