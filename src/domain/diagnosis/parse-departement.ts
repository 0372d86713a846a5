import { fold } from '../../text/fold.js';

/**
 * A French département code from what the user typed ("69", "2A", "974", "69 - Rhône", "01"),
 * or undefined. Metropolitan codes are 01 to 95 with Corsica as 2A/2B; overseas 971 to 974 and 976.
 */
export function parseDepartement(text: string): string | undefined {
  const match = /^(\d{1,3}|2a|2b)(?:\s|$)/.exec(fold(text));
  if (!match?.[1]) return undefined;
  const code = match[1];
  if (code === '2a' || code === '2b') return code.toUpperCase();
  const n = Number(code);
  if (code.length === 3) return n >= 971 && n <= 976 && n !== 975 ? code : undefined;
  if (n >= 1 && n <= 95 && n !== 20) return String(n).padStart(2, '0');
  return undefined;
}
