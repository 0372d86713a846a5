import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Content } from '../../../content/content.js';
import type { PairingService } from '../../../services/pairing-service.js';
import type { RenderTemplate } from '../../../infra/templates/render-template.js';
import { reportView } from '../../../domain/report/report-view.js';
import type { UserStore } from '../../../infra/storage/user-store.js';
import { SsoError, type SsoVerifier } from './sso-verifier.js';
import type { RenderPage } from '../../../infra/templates/render-page.js';

export const TAB_PATH = '/teams/bilan';
const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
const teamsJs = createRequire(import.meta.url).resolve('@microsoft/teams-js');

/** Teams hosts that may frame the tab (Teams on the web, the desktop client, Microsoft 365). */
const FRAME_ANCESTORS =
  "'self' https://teams.microsoft.com https://*.teams.microsoft.com https://teams.cloud.microsoft https://*.cloud.microsoft https://*.office.com https://*.microsoft365.com https://*.skype.com";

const HEADERS = {
  'Content-Security-Policy': `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors ${FRAME_ANCESTORS}`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex',
};

export interface TabRoutesOptions {
  content: Content;
  render: RenderTemplate;
  store: UserStore;
  pairing: PairingService;
  /** Absent when the bot has no registration: the tab then says it is not configured. */
  sso?: SsoVerifier;
  /** The record key of a Teams user (see read-teams-activity). */
  userIdOf: (tenantId: string, objectId: string) => string;
  logger: Logger;
  renderPage: RenderPage;
  now?: () => Date;
}

/**
 * The « Mon bilan » personal tab: a page that runs inside Teams, and the report of the user
 * whose SSO token it presents (GET /teams/bilan/contenu with `Authorization: Bearer`).
 */
export function mountTabRoutes(app: Express, options: TabRoutesOptions): void {
  const pages = { render: options.renderPage };
  const now = options.now ?? (() => new Date());

  app.get(TAB_PATH, (_req, res) => {
    res.set(HEADERS).type('html').send(pages.render('tab.njk', { configured: options.sso !== undefined }));
  });

  app.get(`${TAB_PATH}/contenu`, async (req, res) => {
    res.set(HEADERS);
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!options.sso) return void res.status(503).type('html').send(pages.render('tab-message.njk', { reason: 'not-configured' }));
    if (!token) return void res.status(401).type('html').send(pages.render('tab-message.njk', { reason: 'unauthenticated' }));
    let userId: string;
    try {
      const who = await options.sso.verify(token);
      userId = options.userIdOf(who.tenantId, who.objectId);
    } catch (err) {
      if (!(err instanceof SsoError)) throw err;
      options.logger.warn({ reason: err.message }, 'tab token refused');
      return void res.status(401).type('html').send(pages.render('tab-message.njk', { reason: 'unauthenticated' }));
    }
    const user = options.store.get(userId);
    if (!user) return void res.status(404).type('html').send(pages.render('tab-message.njk', { reason: 'no-report' }));
    const partnerId = options.pairing.partnerOf(user.id);
    const partner = partnerId ? options.store.get(partnerId) : undefined;
    res.type('html').send(pages.render('report-body.njk', reportView(options.content, options.render, user, partner, now())));
  });

  app.get('/teams/assets/MicrosoftTeams.min.js', (_req, res) => {
    res.set({ 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'public, max-age=86400' }).sendFile(teamsJs);
  });
  app.use('/teams/assets', express.static(publicDir, { index: false, fallthrough: false, setHeaders: (res) => res.set(HEADERS) }));
}
