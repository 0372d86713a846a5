/**
 * Whether an error says the database cannot be reached (rather than that it refused the data):
 * no connection, a connection lost or cut by the server, a server starting or stopping.
 */
export function unavailable(err: unknown): boolean {
  const { code, message } = err as { code?: string; message?: string };
  if (typeof code === 'string' && (/^08/.test(code) || /^57P0[1-3]$/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(code))) return true;
  return typeof message === 'string' && /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(message);
}
