/**
 * Benchmarks run every simulated user from 127.0.0.1: the per-address limits, meant for one
 * stranger, are lifted so that they measure the bot, not the limits.
 */
export const UNLIMITED_ADDRESS = {
  NEW_VISITORS_BURST: '100000',
  NEW_VISITORS_PER_MINUTE: '100000',
  ADDRESS_FRAMES_PER_SECOND: '100000',
  HTTP_REQUESTS_PER_SECOND: '100000',
  MAX_SOCKETS: '100000',
  MAX_SOCKETS_PER_ADDRESS: '100000',
} as const;
