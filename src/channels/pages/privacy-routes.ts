import type { Express } from 'express';
import type { Logger } from 'pino';
import type { DeliveryJournal } from '../../infra/storage/delivery-journal.js';
import { SignedLinks } from '../../services/signed-links.js';
import type { UserStore } from '../../infra/storage/user-store.js';
import { exportUserData } from '../../services/privacy/user-data.js';
import type { Clock } from '../../domain/clock.js';
import { pageHeaders } from './page-response.js';

/** GET /mes-donnees/:token: the user's data export, for a valid, unexpired signed link only. */
export function mountPrivacyRoutes(
  app: Express,
  options: { store: UserStore; journal: DeliveryJournal; links: SignedLinks; logger: Logger; now: Clock },
): void {
  const { now } = options;
  app.get('/mes-donnees/:token', (req, res) => {
    // A JSON file or a line of text, not a page: the same headers all the same (nothing runs in it).
    res.set(pageHeaders({ personal: true }));
    const check = options.links.check(req.params.token, now());
    const opens = check.ok && SignedLinks.opens(check, options.store.get(check.userId));
    const data = opens ? exportUserData(options.store, options.journal, check.userId, now()) : undefined;
    if (!data) {
      options.logger.info({ reason: check.ok ? 'no such user' : check.reason }, 'data export link refused');
      res.status(check.ok || check.reason === 'invalid' ? 404 : 410).type('text/plain; charset=utf-8').send('Lien invalide ou expiré : demandez « mes données » au compagnon pour en obtenir un nouveau.');
      return;
    }
    res.attachment('compagnon-odd17-mes-donnees.json').type('application/json; charset=utf-8').send(`${JSON.stringify(data, null, 2)}\n`);
  });
}
