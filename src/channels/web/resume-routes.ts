import type { Express, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { FloodGuard } from '../flood-guard.js';
import { clientAddress } from './client-address.js';
import { identityCookie, type WebIdentity } from './identity.js';
import type { RenderPage } from '../../infra/templates/render-page.js';
import type { Clock } from '../../domain/clock.js';
import type { ResumeLinkRefusal } from '../../services/resume-service.js';
import { sendPage } from '../pages/page-response.js';

export const RESUME_PATH = '/reprendre';

export interface ResumeRoutesOptions {
  /** What a resume link opens (read only), and its use (single, under its user's lock). */
  links: {
    check(token: string, now: Date): { ok: true; userId: string } | { ok: false; reason: ResumeLinkRefusal };
    use(token: string, now: Date): Promise<{ ok: true; userId: string } | { ok: false; reason: ResumeLinkRefusal }>;
  };
  identity: WebIdentity;
  renderPage: RenderPage;
  secureCookie: boolean;
  /** New identities per client address (the same budget as the chat page's): a used link gives a browser one. */
  newIdentities: FloodGuard;
  trustProxy: number;
  isRetired: (userId: string) => boolean;
  /** Whether this identity has a stored conversation (the page then says it will be replaced). */
  isStored: (userId: string) => Promise<boolean>;
  /** Erases the conversation of the identity a browser leaves (no one holds its cookie any more). */
  retire: (userId: string) => Promise<void>;
  /** Once a link was used: the conversation's other pages are told. */
  onUsed: (userId: string) => void;
  logger: Logger;
  now: Clock;
}

/**
 * The page of a resume link, `GET /reprendre/<token>`, and its confirmation, `POST` to the same
 * address. Opening the link changes nothing (a link preview or a prefetch must not use it up);
 * the button does: the grant is used, this browser gets the identity cookie of that conversation
 * and goes to the chat, which shows it. The token is never logged.
 */
export function mountResumeRoutes(app: Express, options: ResumeRoutesOptions): void {
  const { now } = options;
  const page = (res: Response, vars: Record<string, unknown>, status = 200) =>
    sendPage(res, options.renderPage, 'reprendre.njk', vars, { status, personal: true, form: vars.state === 'confirm' });
  const refused = (res: Response, reason: ResumeLinkRefusal) => {
    options.logger.info({ reason }, 'resume link refused');
    page(res, { state: reason }, reason === 'invalid' ? 404 : 410);
  };
  /** The identity this browser has now, if it has a valid one. */
  const current = (req: Request) => {
    const known = options.identity.fromCookieHeader(req.headers.cookie, now());
    return known.ok && !options.isRetired(known.userId) ? known.userId : undefined;
  };

  app.get(`${RESUME_PATH}/:token`, (req, res, next) => {
    const check = options.links.check(req.params.token, now());
    if (!check.ok) return refused(res, check.reason);
    const mine = current(req);
    if (mine === check.userId) return page(res, { state: 'same' });
    (mine === undefined ? Promise.resolve(false) : options.isStored(mine))
      .then((replaces) => page(res, { state: 'confirm', action: `${RESUME_PATH}/${req.params.token}`, replaces }))
      .catch(next);
  });

  app.post(`${RESUME_PATH}/:token`, (req, res, next) => {
    (async () => {
      // Another site's page cannot post here with a link of its own.
      if (!fromThisSite(req)) {
        options.logger.warn({ host: req.headers.host }, 'resume link refused: foreign or unreadable origin');
        return page(res, { state: 'invalid' }, 403);
      }
      const at = now();
      const address = clientAddress(req, options.trustProxy);
      const verdict = options.newIdentities.check(address, at.getTime());
      if (verdict !== 'allow') {
        if (verdict === 'warn') options.logger.warn({ address }, 'resume links refused for a while: too many from one address');
        res.set('Retry-After', '60');
        return page(res, { state: 'limited' }, 429);
      }
      const mine = current(req);
      const first = options.links.check(req.params.token, at);
      if (first.ok && mine === first.userId) return void res.redirect(303, '/');
      const used = await options.links.use(req.params.token, at);
      if (!used.ok) return refused(res, used.reason);
      // The conversation this browser had is left for good: no one holds its cookie any more.
      if (mine !== undefined && mine !== used.userId && (await options.isStored(mine))) await options.retire(mine);
      res.setHeader('Set-Cookie', identityCookie(options.identity.tokenFor(used.userId, at), { maxAgeSeconds: options.identity.maxAgeSeconds, secure: options.secureCookie }));
      options.logger.info('resume link used: a browser joined a conversation');
      options.onUsed(used.userId);
      res.set('Cache-Control', 'no-store');
      res.redirect(303, '/');
    })().catch(next);
  });
}

/**
 * Whether a POST comes from a page of this server. Browsers say where a request comes from in
 * `Sec-Fetch-Site` (our pages send no referrer, so their form posts carry `Origin: null`); else
 * `Origin` must be this host. A client that sends neither is no browser: nothing to forge for.
 */
function fromThisSite(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host;
  return Boolean(host) && URL.canParse(origin) && new URL(origin).host === host;
}
