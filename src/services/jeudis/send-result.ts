/** How one send ended, as the broadcast needs to know it. */
export type SendResult =
  | { ok: true }
  /** Worth trying again: throttled (429), a server error (5xx), the network. */
  | { ok: false; kind: 'transient'; status?: number; retryAfterMs?: number; error: string }
  /** Never worth trying again: the app was removed, the conversation is gone (403, 404). */
  | { ok: false; kind: 'permanent'; status?: number; error: string };

/** Reads an HTTP failure from the Bot Framework connector (or any error with a status code); `now`: when it was received. */
export function classifySendError(err: unknown, now: Date): SendResult {
  const e = err as { statusCode?: number; status?: number; response?: { headers?: { get?(name: string): string | undefined } }; message?: string; code?: string };
  const status = e.statusCode ?? e.status;
  const error = e.message ?? String(err);
  if (status === undefined) return { ok: false, kind: 'transient', error };
  if (status === 429 || status === 412 || status >= 500) {
    return { ok: false, kind: 'transient', status, retryAfterMs: retryAfterMs(e.response?.headers?.get?.('retry-after'), now), error };
  }
  return { ok: false, kind: 'permanent', status, error };
}

/** Retry-After in seconds or as an HTTP date (then counted from `now`). */
export function retryAfterMs(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}
