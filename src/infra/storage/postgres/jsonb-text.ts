/**
 * A value as `jsonb` takes it: PostgreSQL refuses the NUL character in a JSON text (the turn
 * handler already drops it from what users type; this covers any other way in).
 */
export function json(value: unknown): string {
  const text = JSON.stringify(value);
  // JSON writes the character as an escape: only then is the (slower) pass that drops it needed.
  if (!text.includes('\\u0000')) return text;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' && v.includes('\u0000') ? v.replaceAll('\u0000', '') : v));
}
