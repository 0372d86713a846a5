import type { TurnContext } from 'botbuilder';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { FloodGuard, type FloodGuardOptions } from '../flood-guard.js';
import type { TeamsAdapter } from './teams-adapter.js';
import { FLOOD_NOTICE } from './teams-channel.js';
import { teamsUserId, tenantOf } from './read-teams-activity.js';
import { PARSED_ACTIVITY, TeamsActivity } from './teams-activity.js';
import type { Clock } from '../../domain/clock.js';

export const TEAMS_ENDPOINT = '/api/messages';
/** Teams activities are small; anything bigger is not one. */
const MAX_BODY = '256kb';

/**
 * How the endpoint serves: `authenticated` with a bot registration (a Bot Framework token is
 * required); `development` without one and with TEAMS_DEV_MODE=true (unauthenticated, callers on
 * this machine only); `disabled` otherwise (503).
 */
export type TeamsEndpointMode = 'authenticated' | 'development' | 'disabled';

export function teamsEndpointMode(registered: boolean, devMode: boolean): TeamsEndpointMode {
  if (registered) return 'authenticated';
  return devMode ? 'development' : 'disabled';
}

/** Said to whoever calls a server that has neither a bot registration nor TEAMS_DEV_MODE=true. */
export const DISABLED_EXPLANATION =
  "Le point d'accès Teams de ce serveur est désactivé : aucun bot n'y est inscrit (MicrosoftAppId absent). " +
  'Pour Teams, définissez MicrosoftAppId et MicrosoftAppPassword (voir « Déployer dans Teams » dans le README) ; ' +
  'pour un essai local avec le Bot Framework Emulator ou Agents Playground sur cette machine, démarrez avec TEAMS_DEV_MODE=true.';

export interface TeamsEndpointOptions {
  adapter: TeamsAdapter;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
  /** For a single-tenant bot: activities from any other tenant are refused. */
  tenantId?: string;
  /** TEAMS_DEV_MODE: without a bot registration, serve callers on this machine (otherwise 503). */
  devMode?: boolean;
  /** Activities one Teams user may send in a burst, then per second (FLOOD_BURST, FLOOD_PER_SECOND); no limit when absent. */
  flood?: FloodGuardOptions;
  /** Clock of the flood limit. */
  now: Clock;
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms: this machine. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = /^(?:::ffff:)?(\d{1,3})\.\d{1,3}\.\d{1,3}\.\d{1,3}$/i.exec(address);
  if (v4) return v4[1] === '127';
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || isLoopbackAddress(host);
}

/** Headers a reverse proxy adds: behind one, every caller looks local. */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/**
 * POST /api/messages, the Bot Framework endpoint Teams (through Azure Bot Service) calls.
 * Our own route rather than Botkit's: Botkit's rethrows every refused request as an unhandled
 * rejection, which would let any unauthenticated caller stop the process.
 */
export function mountTeamsEndpoint(app: Express, options: TeamsEndpointOptions): void {
  const { adapter, logger } = options;
  const mode = teamsEndpointMode(!adapter.developmentMode, options.devMode === true);
  const guard = options.flood ? new FloodGuard(options.flood) : undefined;
  let disabledLogged = false;

  // Without a registration, requests are not authenticated: only a caller on this machine (the
  // socket's address, not anything the request says) may speak as a Teams user or make the
  // server post somewhere. Checked before the body is read.
  const localCallersOnly = (req: Request, res: Response, next: NextFunction) => {
    if (mode !== 'development') return next();
    const proxied = PROXY_HEADERS.some((h) => req.headers[h] !== undefined);
    if (isLoopbackAddress(req.socket.remoteAddress) && !proxied) return next();
    logger.warn({ remoteAddress: req.socket.remoteAddress, proxied }, 'teams endpoint: development mode accepts only callers on this machine');
    res.status(403).json({ error: 'development mode: local callers only' });
  };

  app.post(TEAMS_ENDPOINT, localCallersOnly, express.json({ limit: MAX_BODY }), async (req: Request, res: Response) => {
    if (mode === 'disabled') {
      if (!disabledLogged) logger.warn('teams endpoint: request refused, the endpoint is disabled (no MicrosoftAppId, TEAMS_DEV_MODE not true)');
      disabledLogged = true;
      res.status(503).json({ error: 'teams endpoint disabled', message: DISABLED_EXPLANATION });
      return;
    }
    const parsed = TeamsActivity.safeParse(req.body);
    if (!parsed.success) {
      logger.warn({ issues: parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message })) }, 'teams endpoint: invalid activity');
      res.status(400).json({ error: 'invalid activity' });
      return;
    }
    const activity = parsed.data;
    // expectReplies returns the bot's replies in the HTTP response instead of posting them to the
    // channel: Teams never asks for it, and it would hand a user's replies to whoever posts.
    if (activity.deliveryMode === 'expectReplies') {
      logger.warn({ type: activity.type, conversation: activity.conversation.id }, 'teams endpoint: deliveryMode expectReplies refused');
      res.status(400).json({ error: 'deliveryMode expectReplies not supported' });
      return;
    }
    // Even from this machine, development mode posts only back to this machine.
    if (mode === 'development' && !isLoopbackUrl(activity.serviceUrl)) {
      logger.warn({ serviceUrl: activity.serviceUrl }, 'teams endpoint: development mode accepts only a local serviceUrl');
      res.status(403).json({ error: 'development mode: local serviceUrl only' });
      return;
    }
    if (options.tenantId && tenantOf(activity) !== undefined && tenantOf(activity) !== options.tenantId) {
      logger.warn({ tenantId: tenantOf(activity) }, 'teams endpoint: activity from another tenant refused');
      res.status(403).json({ error: 'tenant not allowed' });
      return;
    }
    // The flood limit is applied once the request is authenticated (inside processActivity), so
    // that nobody can spend a user's allowance by posting unsigned activities in their name, and
    // before the turn. A dropped activity is answered 200 with nothing done: a 4xx or 5xx would
    // only make Azure Bot Service report errors for what is the user's own flood.
    const userId = teamsUserId(activity);
    const logic = async (context: TurnContext) => {
      // Read once here: the channel takes this parsed activity instead of parsing it again.
      context.turnState.set(PARSED_ACTIVITY, activity);
      const verdict = guard?.check(userId, options.now().getTime()) ?? 'allow';
      if (verdict === 'drop') return;
      if (verdict === 'warn') {
        logger.warn({ userId, conversation: activity.conversation.id }, 'teams endpoint: flood, this user’s activities are dropped for a few seconds');
        context.turnState.set(FLOOD_NOTICE, true);
      }
      await options.logic(context);
    };
    try {
      await adapter.processActivity(req, res, logic);
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
