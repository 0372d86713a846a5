import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const IDENTITY_COOKIE = 'odd17_id';

const DAY_MS = 86_400_000;
const WEB_USER_ID = /^web-[A-Za-z0-9_-]{22}$/;

export type IdentityCheck =
  | { ok: true; userId: string; /** Old enough (or in the old format) to be issued again: the expiry rolls. */ renew: boolean }
  | { ok: false; reason: 'absent' | 'invalid' | 'expired' };

export interface WebIdentityOptions {
  /** The identity cookie's own key (see signing-keys). */
  key: Buffer;
  /** A cookie not renewed for this long is refused: whoever holds an old copy loses it. */
  maxAgeDays: number;
  /** The secret that signed cookies before keys were separated: such cookies are accepted once, then renewed. */
  legacySecret?: Buffer;
}

/**
 * Web chat identity. The web adapter would trust any `user` field sent by the browser, so the
 * server issues each browser a random id in a signed cookie and only believes ids whose signature
 * it can check. The cookie carries when it was issued: it expires on the server's side too, and
 * each visit renews it (a rolling expiry).
 */
export class WebIdentity {
  constructor(private readonly options: WebIdentityOptions) {}

  get maxAgeSeconds(): number {
    return this.options.maxAgeDays * 86_400;
  }

  /** A new identity. */
  issue(now: Date): { userId: string; token: string } {
    const userId = `web-${randomBytes(16).toString('base64url')}`;
    return { userId, token: this.tokenFor(userId, now) };
  }

  /** A fresh cookie value for an identity already checked. */
  tokenFor(userId: string, now: Date): string {
    const issued = Math.floor(now.getTime() / 1000).toString(36);
    return `v2.${userId}.${issued}.${this.sign(`${userId}.${issued}`)}`;
  }

  check(token: string | undefined, now: Date): IdentityCheck {
    if (!token) return { ok: false, reason: 'absent' };
    if (token.length > 200) return { ok: false, reason: 'invalid' };
    const parts = token.split('.');
    if (parts.length === 2) return this.checkLegacy(parts[0]!, parts[1]!);
    const [version, userId, issued, signature] = parts;
    if (parts.length !== 4 || version !== 'v2' || !userId || !WEB_USER_ID.test(userId) || !issued || !signature) return { ok: false, reason: 'invalid' };
    if (!sameText(signature, this.sign(`${userId}.${issued}`))) return { ok: false, reason: 'invalid' };
    const issuedMs = parseInt(issued, 36) * 1000;
    if (!Number.isFinite(issuedMs)) return { ok: false, reason: 'invalid' };
    const age = now.getTime() - issuedMs;
    if (age > this.options.maxAgeDays * DAY_MS) return { ok: false, reason: 'expired' };
    return { ok: true, userId, renew: age > DAY_MS };
  }

  /** The identity carried by a request's Cookie header. */
  fromCookieHeader(header: string | undefined, now: Date): IdentityCheck {
    return this.check(readCookie(header, IDENTITY_COOKIE), now);
  }

  private checkLegacy(userId: string, signature: string): IdentityCheck {
    const legacy = this.options.legacySecret;
    if (!legacy || !WEB_USER_ID.test(userId)) return { ok: false, reason: 'invalid' };
    const expected = createHmac('sha256', legacy).update(userId).digest('base64url');
    return sameText(signature, expected) ? { ok: true, userId, renew: true } : { ok: false, reason: 'invalid' };
  }

  private sign(text: string): string {
    return createHmac('sha256', this.options.key).update(text).digest('base64url');
  }
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The Set-Cookie value of an identity cookie: httpOnly, SameSite=Lax, for the whole site. */
export function identityCookie(token: string, options: { maxAgeSeconds: number; secure: boolean }): string {
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${options.maxAgeSeconds}`];
  if (options.secure) attributes.push('Secure');
  return `${IDENTITY_COOKIE}=${encodeURIComponent(token)}; ${attributes.join('; ')}`;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header || header.length > 8192) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
