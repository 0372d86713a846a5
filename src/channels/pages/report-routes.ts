import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Content } from '../../content/content.js';
import type { PairingService } from '../../services/pairing-service.js';
import type { RenderTemplate } from '../../infra/templates/render-template.js';
import type { UserStore } from '../../infra/storage/user-store.js';
import { ReportLinks } from '../../services/signed-links.js';
import { reportView } from '../../domain/report/report-view.js';
import type { RenderPage } from '../../infra/templates/render-page.js';

export interface ReportRoutesOptions {
  content: Content;
  render: RenderTemplate;
  store: UserStore;
  links: ReportLinks;
  pairing: PairingService;
  logger: Logger;
  renderPage: RenderPage;
  now?: () => Date;
}

const HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex',
};

/** GET /bilan/:token: the printable report page, only for a valid, unexpired signed link. */
export function mountReportRoutes(app: Express, options: ReportRoutesOptions): void {
  const pages = { render: options.renderPage };
  const now = options.now ?? (() => new Date());

  app.get('/bilan/:token', (req, res) => {
    res.set(HEADERS);
    const check = options.links.check(req.params.token, now());
    const found = check.ok ? options.store.get(check.userId) : undefined;
    const user = ReportLinks.opens(check, found) ? found : undefined;
    if (!check.ok || !user) {
      // The same page for a forged, tampered, expired link or a deleted user: nothing to learn.
      const reason = check.ok ? 'invalid' : check.reason;
      options.logger.info({ reason }, 'report link refused');
      res.status(reason === 'expired' ? 410 : 404).type('html').send(pages.render('report-error.njk', { reason }));
      return;
    }
    const partnerId = options.pairing.partnerOf(user.id);
    const partner = partnerId ? options.store.get(partnerId) : undefined;
    const view = reportView(options.content, options.render, user, partner, now());
    res.type('html').send(pages.render('report.njk', view));
  });
}
