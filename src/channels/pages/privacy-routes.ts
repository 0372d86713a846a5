import type { Express, Response } from 'express';
import type { Logger } from 'pino';
import type { Content } from '../../content/content.js';
import type { DeliveryLedger } from '../../infra/storage/delivery-journal.js';
import { SignedLinks } from '../../services/signed-links.js';
import type { UserStore } from '../../infra/storage/user-store.js';
import { exportUserData } from '../../services/privacy/user-data.js';
import { userDataView } from '../../services/privacy/user-data-view.js';
import type { Clock } from '../../domain/clock.js';
import { frenchDate } from '../../domain/french-date.js';
import type { RenderPage } from '../../infra/templates/render-page.js';
import { pageHeaders, sendPage } from './page-response.js';

/**
 * « mes données », for a valid, unexpired signed link only:
 * - GET /mes-donnees/:token: a page that shows everything kept about the user, in words, with a
 *   « Télécharger (JSON) » button;
 * - GET /mes-donnees/:token/json: the same data as a JSON file (RGPD access and portability).
 */
export function mountPrivacyRoutes(
  app: Express,
  options: { content: Content; renderPage: RenderPage; store: UserStore; journal: DeliveryLedger; links: SignedLinks; logger: Logger; now: Clock },
): void {
  const { now } = options;

  /** The export a link opens, or the refusal sent. */
  const exportOf = async (token: string, res: Response) => {
    const check = options.links.check(token, now());
    const opens = check.ok && SignedLinks.opens(check, await options.store.read(check.userId));
    const data = opens ? await exportUserData(options.store, options.journal, check.userId, now()) : undefined;
    if (!data) {
      options.logger.info({ reason: check.ok ? 'no such user' : check.reason }, 'data export link refused');
      res
        .status(check.ok || check.reason === 'invalid' ? 404 : 410)
        .set(pageHeaders({ personal: true }))
        .type('text/plain; charset=utf-8')
        .send('Lien invalide ou expiré : demandez « mes données » au compagnon pour en obtenir un nouveau.');
    }
    return data;
  };

  app.get('/mes-donnees/:token', async (req, res, next) => {
    const data = await exportOf(req.params.token, res).catch(next);
    if (!data) return;
    const vars = {
      view: userDataView(options.content, data),
      downloadHref: `/mes-donnees/${encodeURIComponent(req.params.token)}/json`,
      date: (iso: string) => frenchDate(new Date(iso), 'Europe/Paris', { year: true }),
    };
    sendPage(res, options.renderPage, 'mes-donnees.njk', vars, { personal: true });
  });

  app.get('/mes-donnees/:token/json', async (req, res, next) => {
    // A JSON file, not a page: the same headers all the same (nothing runs in it).
    res.set(pageHeaders({ personal: true }));
    const data = await exportOf(req.params.token, res).catch(next);
    if (!data) return;
    res.attachment('compagnon-odd17-mes-donnees.json').type('application/json; charset=utf-8').send(`${JSON.stringify(data, null, 2)}\n`);
  });
}
