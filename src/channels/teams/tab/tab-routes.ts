import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type Response } from 'express';
import type { Logger } from 'pino';
import type { Content } from '../../../content/content.js';
import type { PairingService } from '../../../services/pairing-service.js';
import type { RenderTemplate } from '../../../infra/templates/render-template.js';
import { reportView } from '../../../domain/report/report-view.js';
import type { UserStore } from '../../../infra/storage/user-store.js';
import { SsoError, type SsoVerifier } from './sso-verifier.js';
import type { RenderPage } from '../../../infra/templates/render-page.js';
import type { Clock } from '../../../domain/clock.js';
import { pageHeaders, sendPage, type PagePolicy } from '../../pages/page-response.js';

export const TAB_PATH = '/teams/bilan';
const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
const teamsJs = createRequire(import.meta.url).resolve('@microsoft/teams-js');

/** The tab and what it loads run inside Teams' frame, with the tab's script, and show a user's report. */
const TAB: PagePolicy = { framedBy: 'teams', scripts: true, personal: true };

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
  now: Clock;
}

/**
 * The « Mon bilan » personal tab: a page that runs inside Teams, and the report of the user
 * whose SSO token it presents (GET /teams/bilan/contenu with `Authorization: Bearer`).
 */
export function mountTabRoutes(app: Express, options: TabRoutesOptions): void {
  const { renderPage, now } = options;
  const message = (res: Response, status: number, reason: string) => sendPage(res, renderPage, 'tab-message.njk', { reason }, { ...TAB, status });

  app.get(TAB_PATH, (_req, res) => {
    sendPage(res, renderPage, 'tab.njk', { configured: options.sso !== undefined }, TAB);
  });

  app.get(`${TAB_PATH}/contenu`, async (req, res) => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!options.sso) return message(res, 503, 'not-configured');
    if (!token) return message(res, 401, 'unauthenticated');
    let userId: string;
    try {
      const who = await options.sso.verify(token);
      userId = options.userIdOf(who.tenantId, who.objectId);
    } catch (err) {
      if (!(err instanceof SsoError)) throw err;
      options.logger.warn({ reason: err.message }, 'tab token refused');
      return message(res, 401, 'unauthenticated');
    }
    const user = await options.store.read(userId);
    if (!user) return message(res, 404, 'no-report');
    const partnerId = options.pairing.partnerOf(user.id);
    const partner = partnerId ? await options.store.read(partnerId).catch(() => undefined) : undefined;
    // In Teams the next actions say what to type in the conversation: the tab has no web chat to link to.
    sendPage(res, renderPage, 'report-body.njk', { ...reportView(options.content, options.render, user, partner, now()), inTeams: true }, TAB);
  });

  app.get('/teams/assets/MicrosoftTeams.min.js', (_req, res) => {
    res.set({ ...pageHeaders(), 'Cache-Control': 'public, max-age=86400' }).sendFile(teamsJs);
  });
  app.use('/teams/assets', express.static(publicDir, { index: false, fallthrough: false, setHeaders: (res) => res.set(pageHeaders(TAB)) }));
}
