import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type Response } from 'express';
import type { Logger } from 'pino';
import type { FloodGuard } from '../flood-guard.js';
import { clientAddress } from './client-address.js';
import { IDENTITY_COOKIE, type WebIdentity } from './identity.js';
import type { RenderPage } from '../../infra/templates/render-page.js';
import type { Clock } from '../../domain/clock.js';
import { pageHeaders, sendPage } from '../pages/page-response.js';

const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

export interface WebRoutesOptions {
  identity: WebIdentity;
  renderPage: RenderPage;
  secureCookie: boolean;
  wsPath: string;
  /** New identities per client address: each may become a stored user. */
  newIdentities: FloodGuard;
  trustProxy: number;
  /** An identity whose data was erased: its cookie is replaced by a new identity. */
  isRetired: (userId: string) => boolean;
  logger: Logger;
  now: Clock;
}

/** The web chat page (issuing and renewing the identity cookie) and its own assets: no third-party CDN. */
export function mountWebRoutes(app: Express, options: WebRoutesOptions): void {
  const { renderPage, now } = options;

  const setCookie = (res: Response, token: string) => {
    const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${options.identity.maxAgeSeconds}`];
    if (options.secureCookie) attributes.push('Secure');
    res.setHeader('Set-Cookie', `${IDENTITY_COOKIE}=${encodeURIComponent(token)}; ${attributes.join('; ')}`);
  };

  app.get('/', (req, res) => {
    // Each answer may set this visitor's own cookie: never cached.
    res.set('Cache-Control', 'no-store');
    const at = now();
    const known = options.identity.fromCookieHeader(req.headers.cookie, at);
    if (known.ok && !options.isRetired(known.userId)) {
      // A rolling expiry: each visit (at most once a day) pushes it back.
      if (known.renew) setCookie(res, options.identity.tokenFor(known.userId, at));
    } else {
      const address = clientAddress(req, options.trustProxy);
      const verdict = options.newIdentities.check(address, at.getTime());
      if (verdict !== 'allow') {
        if (verdict === 'warn') options.logger.warn({ address }, 'new identities refused for a while: too many from one address');
        res.set('Retry-After', '60');
        sendPage(res, renderPage, 'error.njk', { status: 429 }, { status: 429, personal: true });
        return;
      }
      setCookie(res, options.identity.issue(at).token);
    }
    sendPage(res, renderPage, 'chat.njk', { wsPath: options.wsPath }, { scripts: true });
  });

  // Linked from the Teams app package (privacy and terms of use).
  app.get('/confidentialite', (_req, res) => {
    sendPage(res, renderPage, 'confidentialite.njk');
  });

  app.use(
    '/assets',
    express.static(publicDir, {
      index: false,
      fallthrough: false,
      setHeaders: (res) => res.set(pageHeaders()),
    }),
  );
}
