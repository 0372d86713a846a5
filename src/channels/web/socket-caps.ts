export interface SocketCapsOptions {
  /** Open websockets in all. */
  total: number;
  /** Open websockets per client address (an office behind one address has several people). */
  perAddress: number;
  /** Open websockets per identity: a few tabs. */
  perUser: number;
}

export type SocketAdmission = 'ok' | 'total' | 'address' | 'user';

/**
 * Counts open websockets so that one client cannot hold them all: each socket is a file
 * descriptor, and the process has about a thousand.
 */
export class SocketCaps {
  private total = 0;
  private readonly byAddress = new Map<string, number>();
  private readonly byUser = new Map<string, number>();

  constructor(private readonly options: SocketCapsOptions) {}

  /** Whether one more socket may open; counted only when it is 'ok' (then `release` it on close). */
  admit(address: string, userId: string): SocketAdmission {
    if (this.total >= this.options.total) return 'total';
    if ((this.byAddress.get(address) ?? 0) >= this.options.perAddress) return 'address';
    if ((this.byUser.get(userId) ?? 0) >= this.options.perUser) return 'user';
    this.total += 1;
    increment(this.byAddress, address, 1);
    increment(this.byUser, userId, 1);
    return 'ok';
  }

  release(address: string, userId: string): void {
    this.total = Math.max(0, this.total - 1);
    increment(this.byAddress, address, -1);
    increment(this.byUser, userId, -1);
  }

  get open(): number {
    return this.total;
  }
}

function increment(map: Map<string, number>, key: string, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
}
