import type { z } from 'zod';

/**
 * A notice's JSON payload checked against its schema; undefined for the empty notice sent after
 * a reconnect, for text that is not JSON and for a payload of another shape (notices are hints:
 * a bad one is dropped, never thrown).
 */
export function parseNotice<T>(schema: z.ZodType<T>, payload: string): T | undefined {
  if (!payload) return undefined;
  try {
    const r = schema.safeParse(JSON.parse(payload));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}
