export interface FloodGuardOptions {
  /** Messages a user may send in a burst. */
  burst: number;
  /** Messages per second regained after a burst. */
  perSecond: number;
}

export type FloodVerdict = 'allow' | 'warn' | 'drop';

/**
 * Token buckets per key (an identity, an address) against floods: a person never types or clicks
 * faster than a burst of `burst` messages then `perSecond` a second. Over it, the first message
 * of the flood is answered `warn` (say it once, log it once), the rest `drop`; other keys are not
 * affected. Idle buckets are forgotten, so memory follows active keys only.
 */
export class FloodGuard {
  private readonly buckets = new Map<string, { tokens: number; at: number; warned: boolean }>();
  private lastSweep = 0;

  constructor(private readonly options: FloodGuardOptions) {}

  check(userId: string, nowMs: number): FloodVerdict {
    this.sweep(nowMs);
    const { burst, perSecond } = this.options;
    const bucket = this.buckets.get(userId) ?? { tokens: burst, at: nowMs, warned: false };
    // A clock that steps back (a time change) must not empty the bucket.
    bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, nowMs - bucket.at) / 1000) * perSecond);
    bucket.at = Math.max(bucket.at, nowMs);
    this.buckets.set(userId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      if (bucket.tokens >= burst / 2) bucket.warned = false;
      return 'allow';
    }
    if (bucket.warned) return 'drop';
    bucket.warned = true;
    return 'warn';
  }

  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweep < 60_000) return;
    this.lastSweep = nowMs;
    const idle = (this.options.burst / this.options.perSecond) * 1000;
    for (const [id, b] of this.buckets) if (nowMs - b.at > idle) this.buckets.delete(id);
  }
}
