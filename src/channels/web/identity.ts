import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const IDENTITY_COOKIE = 'odd17_id';

/**
 * Web chat identity. The web adapter would trust any `user` field sent by the browser, so the
 * server issues each browser a random id signed with a secret (an httpOnly cookie) and only
 * believes ids whose signature it can check.
 */
export class WebIdentity {
  constructor(private readonly secret: Buffer) {}

  issue(): { userId: string; token: string } {
    const userId = `web-${randomBytes(16).toString('base64url')}`;
    return { userId, token: `${userId}.${this.sign(userId)}` };
  }

  verify(token: string | undefined): string | undefined {
    if (!token) return undefined;
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const userId = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.sign(userId));
    return given.length === expected.length && timingSafeEqual(given, expected) ? userId : undefined;
  }

  /** The verified user id carried by a request's Cookie header, if any. */
  fromCookieHeader(header: string | undefined): string | undefined {
    return this.verify(readCookie(header, IDENTITY_COOKIE));
  }

  private sign(userId: string): string {
    return createHmac('sha256', this.secret).update(userId).digest('base64url');
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
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

/** The configured secret, or one generated once and kept in DATA_DIR so identities survive restarts. */
export function loadIdentitySecret(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return Buffer.from(configured);
  const file = path.resolve(dataDir, 'identity-secret.key');
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32);
    writeFileSync(file, secret.toString('base64'), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return secret;
  }
}
