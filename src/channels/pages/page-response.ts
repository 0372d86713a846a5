import type { Response } from 'express';
import type { RenderPage } from '../../infra/templates/render-page.js';

/** Teams hosts that may frame the « Mon bilan » tab (Teams on the web, the desktop client, Microsoft 365). */
const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://*.microsoft365.com',
  'https://*.skype.com',
];

/**
 * What a page may do, for its headers. Every page gets the same base (nothing loads from another
 * site, no inline script or style, no form, no `<base>`, nosniff, no referrer); these options
 * are the only differences between pages, so that no page gets a policy of its own by accident.
 */
export interface PagePolicy {
  /** Who may show the page in a frame: this site only (default), or Teams too (the tab). */
  framedBy?: 'self' | 'teams';
  /** The page runs its own scripts (`/assets/…`), which may call this server (fetch, websocket). Default: no script at all. */
  scripts?: boolean;
  /** The page holds or is about a user's data (a report, an export, a refused link): never cached, never indexed. */
  personal?: boolean;
  /** The page posts a form to this server (the confirmation of a resume link). Default: no form at all. */
  form?: boolean;
}

/** The Content-Security-Policy of a page with this policy. */
export function contentSecurityPolicy(policy: PagePolicy = {}): string {
  const frameAncestors = policy.framedBy === 'teams' ? ["'self'", ...TEAMS_FRAME_ANCESTORS] : ["'self'"];
  return [
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self' data:",
    policy.scripts ? "script-src 'self'" : "script-src 'none'",
    ...(policy.scripts ? ["connect-src 'self'"] : []),
    "base-uri 'none'",
    policy.form ? "form-action 'self'" : "form-action 'none'",
    `frame-ancestors ${frameAncestors.join(' ')}`,
  ].join('; ');
}

/** The security headers of every page (and of what the server sends beside pages: assets, exports). */
export function pageHeaders(policy: PagePolicy = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(policy),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...(policy.personal ? { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' } : {}),
  };
}

/**
 * Sends `content/templates/pages/<name>` rendered by the one page renderer (French typography,
 * acronyms explained), with the headers of `policy` and `status` (200 by default).
 */
export function sendPage(res: Response, renderPage: RenderPage, name: string, vars: object = {}, options: PagePolicy & { status?: number } = {}): void {
  const { status = 200, ...policy } = options;
  res.status(status).set(pageHeaders(policy)).type('html').send(renderPage(name, vars));
}
