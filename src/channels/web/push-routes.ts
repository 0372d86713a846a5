import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { UserRecords } from '../../conversation/ports.js';
import type { Clock } from '../../domain/clock.js';
import type { RenderTemplate } from '../../domain/render-template.js';
import { MAX_PUSH_SUBSCRIPTIONS } from '../../domain/user-record.js';
import { pageHeaders } from '../pages/page-response.js';
import type { WebIdentity } from './identity.js';

const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

/** The service worker's address: at the site's root, so that its scope is the whole chat. */
export const SERVICE_WORKER_PATH = '/sw.js';

/** A subscription as the browser sends it (PushSubscription.toJSON()), bounded. */
const SubscriptionInput = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(1024),
  keys: z.object({ p256dh: z.string().regex(/^[A-Za-z0-9_-]+=*$/).min(1).max(256), auth: z.string().regex(/^[A-Za-z0-9_-]+=*$/).min(1).max(64) }),
});
const EndpointInput = z.object({ endpoint: z.string().min(1).max(1024) });

export interface PushRoutesOptions {
  identity: WebIdentity;
  records: UserRecords;
  /** The VAPID public key the browsers subscribe with; undefined when Web Push is off (WEB_PUSH=off). */
  publicKey: string | undefined;
  /** Whether a subscription's endpoint is a push service the server may post to. */
  endpointAllowed: (endpoint: URL) => boolean;
  isRetired: (userId: string) => boolean;
  render: RenderTemplate;
  logger: Logger;
  now: Clock;
}

/**
 * Web Push for the Thursday prompts, opt-in from the chat page (`/assets/push.js`):
 * - GET /sw.js: the service worker that shows a notification and opens the chat when it is clicked;
 * - GET /push/cle: the VAPID public key (404 when Web Push is off);
 * - POST /push/abonnement: this browser's subscription, kept in the user's Jeudis subscription
 *   (only for a subscriber: 409 otherwise, with what to do, in French);
 * - POST /push/desabonnement: forgets it.
 * The user is the page's identity cookie; a request from another site is refused (its Origin).
 */
export function mountPushRoutes(app: Express, options: PushRoutesOptions): void {
  const { records, render, logger, now } = options;

  app.get(SERVICE_WORKER_PATH, (_req, res) => {
    res
      .set({ ...pageHeaders({ scripts: true }), 'Service-Worker-Allowed': '/', 'Cache-Control': 'no-cache' })
      .type('text/javascript; charset=utf-8')
      .sendFile(path.join(publicDir, 'sw.js'));
  });

  app.get('/push/cle', (_req, res) => {
    res.set({ ...pageHeaders(), 'Cache-Control': 'no-cache' });
    if (!options.publicKey) res.status(404).json({ error: 'disabled' });
    else res.json({ publicKey: options.publicKey });
  });

  /** The user of a same-origin request with a valid identity cookie, or the refusal sent. */
  const userOf = (req: Request, res: Response): string | undefined => {
    res.set({ ...pageHeaders({ personal: true }) });
    if (!options.publicKey) {
      res.status(404).json({ error: 'disabled' });
      return undefined;
    }
    if (!sameOrigin(req)) {
      res.status(403).json({ error: 'origin' });
      return undefined;
    }
    const known = options.identity.fromCookieHeader(req.headers.cookie, now());
    if (!known.ok || options.isRetired(known.userId)) {
      res.status(401).json({ error: 'identity', message: render('jeudis/push-refused', { reason: 'identity' }) });
      return undefined;
    }
    return known.userId;
  };

  const json = express.json({ limit: '4kb', type: 'application/json' });

  app.post('/push/abonnement', json, async (req, res) => {
    const userId = userOf(req, res);
    if (!userId) return;
    const parsed = SubscriptionInput.safeParse(req.body);
    if (!parsed.success || !options.endpointAllowed(new URL(parsed.data.endpoint))) {
      res.status(400).json({ error: 'subscription', message: render('jeudis/push-refused', { reason: 'subscription' }) });
      return;
    }
    const { endpoint, keys } = parsed.data;
    let subscribed = false;
    const saved = await records.change(userId, (u) => {
      const sub = u.jeudis;
      if (!sub?.active || sub.deactivated) return;
      subscribed = true;
      // The newest first; the same browser again replaces its older entry.
      const others = (sub.push ?? []).filter((p) => p.endpoint !== endpoint);
      sub.push = [...others, { endpoint, keys, at: now().toISOString() }].slice(-MAX_PUSH_SUBSCRIPTIONS);
    });
    if (!saved || !subscribed) {
      res.status(409).json({ error: 'not-subscribed', message: render('jeudis/push-refused', { reason: 'not-subscribed' }) });
      return;
    }
    logger.info({ userId }, 'web push: a browser turned the Thursday notifications on');
    res.status(201).json({ ok: true, message: render('jeudis/push-on') });
  });

  app.post('/push/desabonnement', json, async (req, res) => {
    const userId = userOf(req, res);
    if (!userId) return;
    const parsed = EndpointInput.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'subscription' });
      return;
    }
    await records.change(userId, (u) => {
      if (u.jeudis?.push) u.jeudis.push = u.jeudis.push.filter((p) => p.endpoint !== parsed.data.endpoint);
    });
    res.json({ ok: true, message: render('jeudis/push-off') });
  });

  // A body that is not JSON, or too large: a plain refusal, not the error page.
  app.use(['/push/abonnement', '/push/desabonnement'], (err: unknown, _req: Request, res: Response, next: (err?: unknown) => void) => {
    const status = (err as { status?: number }).status;
    if (status === undefined || status >= 500) return next(err);
    res.status(status).set(pageHeaders({ personal: true })).json({ error: 'body' });
  });
}

/** Whether a request comes from a page of this site (its Origin names the Host it was sent to). */
function sameOrigin(req: Request): boolean {
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return false;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
