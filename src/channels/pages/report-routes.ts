import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Content } from '../../content/content.js';
import type { PairingService } from '../../services/pairing-service.js';
import type { RenderTemplate } from '../../infra/templates/render-template.js';
import type { UserStore } from '../../infra/storage/user-store.js';
import { SignedLinks } from '../../services/signed-links.js';
import { reportView } from '../../domain/report/report-view.js';
import type { RenderPage } from '../../infra/templates/render-page.js';
import type { Clock } from '../../domain/clock.js';
import { sendPage } from './page-response.js';

export interface ReportRoutesOptions {
  content: Content;
  render: RenderTemplate;
  store: UserStore;
  links: SignedLinks;
  pairing: PairingService;
  logger: Logger;
  renderPage: RenderPage;
  now: Clock;
}

/** GET /bilan/:token: the printable report page, only for a valid, unexpired signed link. */
export function mountReportRoutes(app: Express, options: ReportRoutesOptions): void {
  const { renderPage, now } = options;

  app.get('/bilan/:token', async (req, res, next) => {
    const check = options.links.check(req.params.token, now());
    let found;
    try {
      found = check.ok ? await options.store.read(check.userId) : undefined;
    } catch (err) {
      return next(err);
    }
    const user = SignedLinks.opens(check, found) ? found : undefined;
    if (!check.ok || !user) {
      // The same page for a forged, tampered, expired link or a deleted user: nothing to learn.
      const reason = check.ok ? 'invalid' : check.reason;
      options.logger.info({ reason }, 'report link refused');
      sendPage(res, renderPage, 'report-error.njk', { reason }, { status: reason === 'expired' ? 410 : 404, personal: true });
      return;
    }
    const partnerId = options.pairing.partnerOf(user.id);
    const partner = partnerId ? await options.store.read(partnerId).catch(() => undefined) : undefined;
    const view = reportView(options.content, options.render, user, partner, now());
    sendPage(res, renderPage, 'report.njk', view, { scripts: true, personal: true });
  });
}
