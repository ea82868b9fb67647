import { createHash } from 'node:crypto';

const MAX_KEY = 255;

/**
 * A provider's event id as a dedupe key. Ids past the ingest limit are hashed rather than
 * refused: the sender did nothing wrong, and the hash still dedupes exactly.
 */
export function dedupeKeyOf(id: string | undefined | null): string | null {
  const t = id?.trim();
  if (!t) return null;
  return t.length <= MAX_KEY ? t : `sha256:${createHash('sha256').update(t, 'utf8').digest('hex')}`;
}

/** A top-level string field of a JSON object body (Stripe's `id`, Slack's `event_id`), or null. */
export function jsonStringField(rawBody: Buffer, field: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const v = (parsed as Record<string, unknown>)[field];
  return typeof v === 'string' ? v : null;
}

/** Splits a list header, refusing more than `max` entries before anything is hashed. */
export function splitList(header: string, separator: RegExp, max: number): string[] | 'too_many' {
  const parts = header
    .split(separator)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts.length > max ? 'too_many' : parts;
}
