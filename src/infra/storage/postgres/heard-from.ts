import type { z } from 'zod';

/** Another server's notification, checked by its schema, or undefined (this server's own, or unreadable). */
export function heardFrom<T extends { from: string }>(schema: z.ZodType<T>, payload: string | undefined, self: string): T | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload ?? '');
  } catch {
    return undefined;
  }
  const notice = schema.safeParse(value);
  return notice.success && notice.data.from !== self ? notice.data : undefined;
}
