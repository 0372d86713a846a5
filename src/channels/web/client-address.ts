import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * The address limits are counted by. Behind `trustProxy` reverse proxies, it is the address the
 * nearest trusted proxy saw (from X-Forwarded-For, read from the right: the left part is whatever
 * the client wrote). An IPv6 client owns a whole /64, so it is counted by its /64.
 */
export function clientAddress(req: IncomingMessage, trustProxy: number): string {
  let address = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy > 0) {
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((s) => s.trim()).filter(Boolean);
    const candidate = hops[hops.length - trustProxy];
    if (candidate && isIP(candidate)) address = candidate;
  }
  return addressKey(address);
}

export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head = '', tail = ''] = address.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right].map((g) => g.toLowerCase());
}
