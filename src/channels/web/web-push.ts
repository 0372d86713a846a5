import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Agent } from 'node:https';
import path from 'node:path';
import type { Logger } from 'pino';
import webpush from 'web-push';
import { z } from 'zod';
import type { PushSubscription } from '../../domain/user-record.js';

/** Where the VAPID key pair is kept when generated (like identity-secret.key). */
export const VAPID_FILE = 'web-push-vapid.json';

const VapidKeys = z.object({ publicKey: z.string().min(1), privateKey: z.string().min(1) });
export type VapidKeys = z.infer<typeof VapidKeys>;

/**
 * The server's VAPID key pair (RFC 8292): generated once and kept in DATA_DIR, readable by the
 * server's user only, so that the browsers' subscriptions (made for this public key) keep working
 * across restarts.
 */
export function loadVapidKeys(dataDir: string): VapidKeys {
  const file = path.resolve(dataDir, VAPID_FILE);
  try {
    return VapidKeys.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${file} illisible : supprimez-le pour qu'une nouvelle paire de clés soit créée (les navigateurs abonnés devront réactiver leurs notifications).`);
    mkdirSync(path.dirname(file), { recursive: true });
    const keys = webpush.generateVAPIDKeys();
    writeFileSync(file, `${JSON.stringify(keys)}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return keys;
  }
}

/**
 * The push services of the browsers (Chrome and Edge through FCM, Firefox, Edge's own, Safari): a
 * subscription must point to one of them, so that nobody makes the server post to an address of
 * their choice (an internal service, a third party).
 */
const PUSH_SERVICE_HOSTS = [/^fcm\.googleapis\.com$/, /(^|\.)push\.services\.mozilla\.com$/, /(^|\.)notify\.windows\.com$/, /(^|\.)push\.apple\.com$/];

export function isPushServiceEndpoint(endpoint: URL): boolean {
  return endpoint.protocol === 'https:' && endpoint.port === '' && PUSH_SERVICE_HOSTS.some((host) => host.test(endpoint.hostname));
}

/** What a notification carries (encrypted for the browser): the service worker shows it. */
export interface PushPayload {
  title: string;
  body: string;
  /** Opened when the notification is clicked: a path of this site. */
  url: string;
  /** One notification per tag: a later one replaces it. */
  tag: string;
}

export interface WebPushOptions {
  keys: VapidKeys;
  /** The VAPID `sub`: a mailto: or https: address where push services can reach the operator. */
  subject: string;
  logger: Logger;
  /** Seconds a push service keeps a notification for a browser that is offline (the inbox keeps the prompt anyway). */
  ttlSeconds?: number;
  /** The HTTPS agent of the requests (tests trust a local push service's certificate). */
  agent?: Agent;
  /** Network timeout of one request, in milliseconds. */
  timeoutMs?: number;
}

/** How one notification went: delivered, or the push service says the subscription is gone (404, 410), or failed otherwise. */
export type PushOutcome = 'sent' | 'gone' | 'failed';

/**
 * Sends notifications through the browsers' push services with `web-push` (VAPID signing,
 * aes128gcm encryption of RFC 8291). A subscription the push service no longer knows (404, 410)
 * is reported `gone`, for the caller to forget it.
 */
export class WebPushNotifier {
  readonly publicKey: string;

  constructor(private readonly options: WebPushOptions) {
    this.publicKey = options.keys.publicKey;
  }

  async notify(subscriptions: PushSubscription[], payload: PushPayload): Promise<Map<string, PushOutcome>> {
    const outcomes = new Map<string, PushOutcome>();
    await Promise.all(
      subscriptions.map(async (sub) => {
        outcomes.set(sub.endpoint, await this.send(sub, payload));
      }),
    );
    return outcomes;
  }

  private async send(sub: PushSubscription, payload: PushPayload): Promise<PushOutcome> {
    const { keys, subject, logger } = this.options;
    try {
      await webpush.sendNotification({ endpoint: sub.endpoint, keys: sub.keys }, JSON.stringify(payload), {
        vapidDetails: { subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
        TTL: this.options.ttlSeconds ?? 24 * 3600,
        urgency: 'normal',
        topic: payload.tag.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32),
        timeout: this.options.timeoutMs ?? 10_000,
        ...(this.options.agent ? { agent: this.options.agent } : {}),
      });
      return 'sent';
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      // The endpoint is a personal address: only its host is logged.
      const host = safeHost(sub.endpoint);
      if (status === 404 || status === 410) {
        logger.info({ host, status }, 'web push: subscription gone, forgotten');
        return 'gone';
      }
      logger.warn({ host, status, error: (err as Error).message?.slice(0, 200) }, 'web push: notification not delivered');
      return 'failed';
    }
  }
}

function safeHost(endpoint: string): string | undefined {
  try {
    return new URL(endpoint).host;
  } catch {
    return undefined;
  }
}
