import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type Response } from 'express';
import type { Logger } from 'pino';
import type { FloodGuard } from '../flood-guard.js';
import { clientAddress } from './client-address.js';
import { IDENTITY_COOKIE, type WebIdentity } from './identity.js';
import type { RenderPage } from '../../infra/templates/render-page.js';

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
  now?: () => Date;
}

export const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The web chat page (issuing and renewing the identity cookie) and its own assets: no third-party CDN. */
export function mountWebRoutes(app: Express, options: WebRoutesOptions): void {
  const pages = { render: options.renderPage };
  const now = options.now ?? (() => new Date());

  const setCookie = (res: Response, token: string) => {
    const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${options.identity.maxAgeSeconds}`];
    if (options.secureCookie) attributes.push('Secure');
    res.setHeader('Set-Cookie', `${IDENTITY_COOKIE}=${encodeURIComponent(token)}; ${attributes.join('; ')}`);
  };

  app.get('/', (req, res) => {
    res.set({ ...SECURITY_HEADERS, 'Cache-Control': 'no-store' });
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
        res.status(429).set('Retry-After', '60').type('html').send(pages.render('error.njk', { status: 429 }));
        return;
      }
      setCookie(res, options.identity.issue(at).token);
    }
    res.type('html').send(pages.render('chat.njk', { wsPath: options.wsPath }));
  });

  // Linked from the Teams app package (privacy and terms of use).
  app.get('/confidentialite', (_req, res) => {
    res.set(SECURITY_HEADERS).type('html').send(pages.render('confidentialite.njk'));
  });

  app.use(
    '/assets',
    express.static(publicDir, {
      index: false,
      fallthrough: false,
      setHeaders: (res) => res.set(SECURITY_HEADERS),
    }),
  );
}
