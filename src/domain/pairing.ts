import type { Pairing } from './user-record.js';

export type RedeemResult =
  | { ok: true; pairing: Pairing }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' | 'own' | 'already-paired' };

/** Formats a code as the user reads it: « ABCD-2345 ». */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The code in what the user typed, whatever the case, spaces or dash. */
export function normaliseCode(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
