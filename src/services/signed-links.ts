import { createHmac, timingSafeEqual } from 'node:crypto';

export type LinkCheck = { ok: true; userId: string; issuedAt: number } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Signed links to a user's pages: the report page and the data export (one instance, and one
 * key, per purpose). A link carries the user id and an expiry, signed with HMAC-SHA256: it
 * cannot be guessed or altered, and says nothing readable about its owner.
 */
export class SignedLinks {
  constructor(
    private readonly secret: Buffer,
    private readonly ttlMs: number,
    /**
     * What the link opens: a report link cannot open a data export, and the other way round. A
     * resume link names a resume code's grant (its id where the others name a user).
     */
    private readonly purpose: 'report' | 'export' | 'resume' = 'report',
  ) {}

  issue(userId: string, now: Date): string {
    const payload = Buffer.from(JSON.stringify({ u: userId, e: now.getTime() + this.ttlMs, i: now.getTime() })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** Whether a link opens `record`: one issued before the record existed (to an earlier owner of the id) does not. */
  static opens(check: LinkCheck, record: { createdAt: string } | undefined): boolean {
    return check.ok && record !== undefined && check.issuedAt >= Date.parse(record.createdAt);
  }

  check(token: string, now: Date): LinkCheck {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'invalid' };
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
    let parsed: { u?: unknown; e?: unknown; i?: unknown };
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u?: unknown; e?: unknown; i?: unknown };
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (typeof parsed.u !== 'string' || typeof parsed.e !== 'number') return { ok: false, reason: 'invalid' };
    if (parsed.e <= now.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, userId: parsed.u, issuedAt: typeof parsed.i === 'number' ? parsed.i : parsed.e - this.ttlMs };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(`${this.purpose}:${payload}`).digest('base64url');
  }
}

export type FeedCheck = { ok: true; userId: string; version: string } | { ok: false };

/**
 * The link of a user's calendar feed (`/agenda/<token>.ics`): a calendar reads it every few hours
 * for months, so it does not expire; it names the user and the version of their Jeudis
 * subscription, and opens only while that subscription is the same and active (« stop jeudis »,
 * a new subscription or an erasure end it for good). Signed with its own key.
 */
export class FeedLinks {
  constructor(private readonly secret: Buffer) {}

  issue(userId: string, version: string): string {
    const payload = Buffer.from(JSON.stringify({ u: userId, v: version })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  check(token: string): FeedCheck {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return { ok: false };
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false };
    try {
      const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u?: unknown; v?: unknown };
      return typeof parsed.u === 'string' && typeof parsed.v === 'string' ? { ok: true, userId: parsed.u, version: parsed.v } : { ok: false };
    } catch {
      return { ok: false };
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(`calendar:${payload}`).digest('base64url');
  }
}
