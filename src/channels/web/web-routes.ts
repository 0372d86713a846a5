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
import { CHAT_LINK_PARAMETER, chatLinkCommand } from '../../domain/chat-links.js';
import type { UiFile } from '../../content/schemas.js';

const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

export interface WebRoutesOptions {
  identity: WebIdentity;
  renderPage: RenderPage;
  secureCookie: boolean;
  wsPath: string;
  /** The words of the anytime commands (`ui.json` › `commands`): a link into the chat sends the first words of its command. */
  commandWords: UiFile['commands'];
  /** What the privacy page says of who runs the service and how long data is kept (the configuration). */
  privacy: PrivacySettings;
  /** New identities per client address: each may become a stored user. */
  newIdentities: FloodGuard;
  trustProxy: number;
  /** An identity whose data was erased: its cookie is replaced by a new identity. */
  isRetired: (userId: string) => boolean;
  /**
   * The identity a browser moves onto, once, when its page is fetched again: its chat took a
   * resume code (the browser's own conversation is then erased). Undefined: none waits.
   */
  handover?: (userId: string) => Promise<string | undefined>;
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

  app.get('/', (req, res, next) => void (async () => {
    // Each answer may set this visitor's own cookie: never cached.
    res.set('Cache-Control', 'no-store');
    const at = now();
    const known = options.identity.fromCookieHeader(req.headers.cookie, at);
    const moved = known.ok && options.handover ? await options.handover(known.userId) : undefined;
    if (moved !== undefined) {
      // Its chat took a resume code: this browser now holds that conversation.
      setCookie(res, options.identity.tokenFor(moved, at));
    } else if (known.ok && !options.isRetired(known.userId)) {
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
    // A link from the report (`/?commande=etape-3`): the page sends that command's words once connected.
    const command = chatLinkCommand(req.query[CHAT_LINK_PARAMETER]);
    // A pairing invitation's link (`/?code=ABCD-2345`): the page sends « j'ai un code ABCD-2345 ».
    const code = pairingCodeOf(req.query.code);
    const startCommand = command ? options.commandWords[command][0] : code ? `${options.commandWords.pairingJoin[0]} ${code}` : undefined;
    sendPage(res, renderPage, 'chat.njk', { wsPath: options.wsPath, startCommand }, { scripts: true });
  })().catch(next));

  // Linked from the chat's footer and the Teams app package (privacy and terms of use).
  app.get('/confidentialite', (_req, res) => {
    sendPage(res, renderPage, 'confidentialite.njk', privacyPageVars(options.privacy));
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

/** The configuration the privacy page reads: PRIVACY_CONTROLLER, PRIVACY_CONTACT and the durations. */
export interface PrivacySettings {
  controller?: string;
  contact?: string;
  retentionDays: number;
  cookieDays: number;
  reportLinkDays: number;
}

/** The privacy page's variables: the contact as a link when it is an e-mail or web address. */
export function privacyPageVars(settings: PrivacySettings) {
  const contact = settings.contact;
  const email = contact && /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(contact) ? `mailto:${contact}` : undefined;
  const web = contact && /^https?:\/\/\S+$/.test(contact) ? contact : undefined;
  return { ...settings, contactHref: email ?? web };
}

/** A pairing code given in the chat's address (`?code=ABCD-2345`), or undefined when it is not one. */
function pairingCodeOf(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$/.test(value) ? value.toUpperCase() : undefined;
}
