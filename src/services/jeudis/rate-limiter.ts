import type { Timer } from '../../domain/clock.js';

/**
 * At most `perSecond` sends per second for one channel (a token bucket with a one-second burst),
 * and a pause for everyone after the channel says it is throttled (a 429's Retry-After): one
 * throttled send slows the whole broadcast, as Teams asks. `perSecond` 0 means no limit.
 * It runs on a Timer, not on the wall clock: the server's clock may be held on one day (tests).
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;

  constructor(
    private readonly perSecond: number,
    private readonly timer: Timer,
  ) {
    this.tokens = perSecond;
    this.last = timer.elapsedMs();
  }

  async take(): Promise<void> {
    for (;;) {
      const now = this.timer.elapsedMs();
      if (now < this.pausedUntil) {
        await this.timer.sleep(this.pausedUntil - now);
        continue;
      }
      if (this.perSecond <= 0) return;
      this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.timer.sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
    }
  }

  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.timer.elapsedMs() + ms);
  }
}
