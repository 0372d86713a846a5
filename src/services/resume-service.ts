import { createHmac, randomBytes, randomInt } from 'node:crypto';
import type { RecordTx, ResumeApi, ResumeRefusal, TurnWrites, UserRecords } from '../conversation/ports.js';
import { formatCode, normaliseCode } from '../domain/pairing.js';
import type { ResumeGrant, UserRecord } from '../domain/user-record.js';
import type { UserStore } from '../infra/storage/user-store.js';
import { SignedLinks } from './signed-links.js';

/** Letters and digits that cannot be confused when read aloud or copied (no 0/O, 1/I/L), as the pairing codes. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
/** How long a resume code and its link stay valid. */
export const RESUME_MINUTES = 15;

/** Why a resume link opens nothing (`invalid`: not ours, altered, or its grant is gone). */
export type ResumeLinkRefusal = 'invalid' | 'expired' | 'used';

export interface ResumeServiceOptions {
  store: Pick<UserStore, 'resumeGrants' | 'getResumeGrant' | 'wasErased'> & TurnWrites;
  records: UserRecords;
  /** The resume links' own key (signing-keys: `resume-link`); also keys the hash a code is kept under. */
  key: Buffer;
  /** The absolute URL of the page a link token opens (`/reprendre/<token>`). */
  url: (token: string) => string;
  /** Whose conversation can be continued elsewhere this way: web identities (Teams follows its users on every device). */
  offers: (user: UserRecord) => boolean;
  /** Once the turn where a code was typed is saved: the browser of `deviceUserId` moves onto `userId`. */
  onRedeemed: (deviceUserId: string, userId: string) => void;
  minutes?: number;
}

interface Within {
  writes: TurnWrites;
  afterCommit?: (fn: () => void) => void;
  keepSecret?: (secret: string) => void;
}

/**
 * Resume codes: « reprendre sur un autre appareil » gives an 8-character code and a signed link,
 * both for one grant (valid RESUME_MINUTES minutes, single use, one at a time per user); typing
 * the code in another browser's chat, or opening the link there and confirming, moves that
 * browser onto the same conversation. The old device keeps working. The code is kept only as a
 * keyed hash, the link carries only the grant's id; neither is ever logged, and the history
 * keeps « •••• » in their place.
 */
export class ResumeService implements ResumeApi {
  private readonly links: SignedLinks;
  readonly minutes: number;

  constructor(
    private readonly options: ResumeServiceOptions,
    private readonly turn: Within = { writes: options.store },
  ) {
    this.minutes = options.minutes ?? RESUME_MINUTES;
    this.links = new SignedLinks(options.key, this.minutes * 60_000, 'resume');
  }

  within(tx: Pick<RecordTx, 'writes' | 'afterCommit'>, keepSecret: (secret: string) => void): ResumeApi {
    return new ResumeService(this.options, { writes: tx.writes, afterCommit: (fn) => tx.afterCommit(fn), keepSecret });
  }

  offers(user: UserRecord): boolean {
    return this.options.offers(user);
  }

  create(userId: string, now: Date): { code: string; url: string; expiresAt: Date } {
    const grants = this.options.store.resumeGrants();
    // One code at a time: a new one ends the earlier ones; expired ones are forgotten on the way.
    for (const g of grants) if (g.userId === userId || Date.parse(g.expiresAt) <= now.getTime()) this.turn.writes.deleteResumeGrant(g.id);
    const taken = new Set(grants.map((g) => g.codeHash));
    let code: string;
    do code = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    while (taken.has(this.hash(code)));
    const expiresAt = new Date(now.getTime() + this.minutes * 60_000);
    const grant: ResumeGrant = {
      id: randomBytes(18).toString('base64url'),
      codeHash: this.hash(code),
      userId,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    };
    this.turn.writes.putResumeGrant(grant);
    const token = this.links.issue(grant.id, now);
    for (const secret of [formatCode(code), code, token]) this.turn.keepSecret?.(secret);
    return { code: formatCode(code), url: this.options.url(token), expiresAt };
  }

  redeem(text: string, deviceUserId: string, now: Date): { ok: true } | { ok: false; reason: ResumeRefusal } {
    const code = normaliseCode(text);
    if (code.length !== CODE_LENGTH) return { ok: false, reason: 'unknown' };
    const hash = this.hash(code);
    const grant = this.options.store.resumeGrants().find((g) => g.codeHash === hash);
    const refusal = grant ? this.refusal(grant, now) : 'unknown';
    if (refusal) return { ok: false, reason: refusal === 'invalid' ? 'unknown' : refusal };
    if (grant!.userId === deviceUserId) return { ok: false, reason: 'own' };
    this.turn.writes.putResumeGrant({ ...grant!, usedAt: now.toISOString() });
    const userId = grant!.userId;
    this.turn.afterCommit?.(() => this.options.onRedeemed(deviceUserId, userId));
    return { ok: true };
  }

  /** What a link opens, read only (the confirmation page): its grant's user, or why not. */
  check(token: string, now: Date): { ok: true; userId: string } | { ok: false; reason: ResumeLinkRefusal } {
    const link = this.links.check(token, now);
    if (!link.ok) return link;
    const grant = this.options.store.getResumeGrant(link.userId);
    const refusal = grant ? this.refusal(grant, now) : 'invalid';
    return refusal ? { ok: false, reason: refusal } : { ok: true, userId: grant!.userId };
  }

  /**
   * Uses a link (its confirmation was pressed): marks its grant used, under its user's lock, and
   * says whose conversation it opens. Of two uses of the same link, one only succeeds.
   */
  async use(token: string, now: Date): Promise<{ ok: true; userId: string } | { ok: false; reason: ResumeLinkRefusal }> {
    const first = this.check(token, now);
    if (!first.ok) return first;
    return this.options.records.update(first.userId, (tx) => {
      // Read again under the lock: the same link pressed twice at once is used once.
      const again = this.check(token, now);
      if (!again.ok) return again;
      const link = this.links.check(token, now);
      const grant = link.ok ? this.options.store.getResumeGrant(link.userId) : undefined;
      if (!grant) return { ok: false as const, reason: 'invalid' as const };
      tx.writes.putResumeGrant({ ...grant, usedAt: now.toISOString() });
      return { ok: true as const, userId: grant.userId };
    });
  }

  private refusal(grant: ResumeGrant, now: Date): ResumeLinkRefusal | undefined {
    if (grant.usedAt) return 'used';
    if (Date.parse(grant.expiresAt) <= now.getTime()) return 'expired';
    // Erased meanwhile (its grants go with it, but a grant written in the same instant may not): nothing to open.
    if (this.options.store.wasErased(grant.userId)) return 'invalid';
    return undefined;
  }

  private hash(code: string): string {
    return createHmac('sha256', this.options.key).update(`code:${code}`).digest('base64url');
  }
}
