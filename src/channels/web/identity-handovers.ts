/** Browsers waiting to be moved onto another identity, at most this many (a code per minute per identity is far under it). */
const MAX_PENDING = 10_000;

/**
 * A browser whose chat took a resume code (see ResumeService.redeem) is moved onto the code's
 * identity when its page fetches `/` again (the page does once its session ends): each handover
 * is used once and only for a short while. Kept in memory: after a restart the user asks for a
 * new code.
 */
export class IdentityHandovers {
  private readonly pending = new Map<string, { userId: string; until: number }>();

  constructor(private readonly ttlMs = 2 * 60_000) {}

  add(deviceUserId: string, userId: string, nowMs: number): void {
    for (const [id, h] of this.pending) if (h.until <= nowMs) this.pending.delete(id);
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    this.pending.set(deviceUserId, { userId, until: nowMs + this.ttlMs });
  }

  /** The identity this browser moves onto, once; undefined when none waits (or it expired). */
  take(deviceUserId: string, nowMs: number): string | undefined {
    const handover = this.pending.get(deviceUserId);
    this.pending.delete(deviceUserId);
    return handover && handover.until > nowMs ? handover.userId : undefined;
  }
}
