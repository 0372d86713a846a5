import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import nunjucks from 'nunjucks';
import { IDENTITY_COOKIE, type WebIdentity } from './identity.js';

const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

export interface WebRoutesOptions {
  identity: WebIdentity;
  contentDir: string;
  secureCookie: boolean;
  wsPath: string;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The web chat page (issuing the identity cookie) and its own assets: no third-party CDN. */
export function mountWebRoutes(app: Express, options: WebRoutesOptions): void {
  const pages = new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(options.contentDir, 'templates', 'pages')), {
    autoescape: true,
    throwOnUndefined: true,
  });

  app.get('/', (req, res) => {
    if (!options.identity.fromCookieHeader(req.headers.cookie)) {
      const { token } = options.identity.issue();
      const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${60 * 60 * 24 * 365}`];
      if (options.secureCookie) attributes.push('Secure');
      res.setHeader('Set-Cookie', `${IDENTITY_COOKIE}=${encodeURIComponent(token)}; ${attributes.join('; ')}`);
    }
    res.set({ ...SECURITY_HEADERS, 'Cache-Control': 'no-store' });
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
