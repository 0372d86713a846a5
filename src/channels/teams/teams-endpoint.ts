import type { TurnContext } from 'botbuilder';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { TeamsAdapter } from './teams-adapter.js';
import { tenantOf } from './read-teams-activity.js';
import { TeamsActivity } from './teams-activity.js';

export const TEAMS_ENDPOINT = '/api/messages';
/** Teams activities are small; anything bigger is not one. */
const MAX_BODY = '256kb';

export interface TeamsEndpointOptions {
  adapter: TeamsAdapter;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
  /** For a single-tenant bot: activities from any other tenant are refused. */
  tenantId?: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * POST /api/messages, the Bot Framework endpoint Teams (through Azure Bot Service) calls.
 * Our own route rather than Botkit's: Botkit's rethrows every refused request as an unhandled
 * rejection, which would let any unauthenticated caller stop the process.
 */
export function mountTeamsEndpoint(app: Express, options: TeamsEndpointOptions): void {
  const { adapter, logger } = options;
  app.post(TEAMS_ENDPOINT, express.json({ limit: MAX_BODY }), async (req: Request, res: Response) => {
    const parsed = TeamsActivity.safeParse(req.body);
    if (!parsed.success) {
      logger.warn({ issues: parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message })) }, 'teams endpoint: invalid activity');
      res.status(400).json({ error: 'invalid activity' });
      return;
    }
    const activity = parsed.data;
    // Unauthenticated (development) mode answers only an Emulator on this machine: otherwise
    // anyone could make the server post to any address, or speak as any Teams user.
    if (adapter.developmentMode && !LOOPBACK.has(new URL(activity.serviceUrl).hostname)) {
      logger.warn({ serviceUrl: activity.serviceUrl }, 'teams endpoint: development mode accepts only a local serviceUrl');
      res.status(403).json({ error: 'development mode: local serviceUrl only' });
      return;
    }
    if (options.tenantId && tenantOf(activity) !== undefined && tenantOf(activity) !== options.tenantId) {
      logger.warn({ tenantId: tenantOf(activity) }, 'teams endpoint: activity from another tenant refused');
      res.status(403).json({ error: 'tenant not allowed' });
      return;
    }
    try {
      await adapter.processActivity(req, res, options.logic);
    } catch (err) {
      // processActivity has already answered (401 for a bad token, 500 when the turn failed).
      const status = res.statusCode;
      if (status === 401 || status === 403) logger.warn({ status, type: activity.type }, 'teams endpoint: request not authenticated');
      else logger.error({ err, status, type: activity.type, conversation: activity.conversation.id }, 'teams endpoint: turn failed');
      if (!res.headersSent) res.status(500).end();
    }
  });
  app.use(TEAMS_ENDPOINT, (err: Error & { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (!err.status || err.status >= 500) return next(err);
    logger.warn({ status: err.status, reason: err.type ?? err.message }, 'teams endpoint: unreadable request');
    res.status(err.status).json({ error: err.status === 413 ? 'request too large' : 'invalid JSON' });
  });
}
