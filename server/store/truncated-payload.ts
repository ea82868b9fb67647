/** What a stored step field becomes when it is larger than the limit (ports/retention.ts). */
export interface TruncatedPayload {
  truncated: true;
  /** The size of the JSON that was stored before, in bytes. */
  bytes: number;
  /** The first characters of that JSON. */
  preview: string;
}

/** Preview length: up to this many characters, and at most half the limit. */
export const PREVIEW_CHARS = 1024;

/** The marker stored instead of a JSON text over the limit. Pure. */
export function truncatedPayload(json: string, previewChars = PREVIEW_CHARS): TruncatedPayload {
  return { truncated: true, bytes: Buffer.byteLength(json, 'utf8'), preview: json.slice(0, previewChars) };
}

/** The step fields that truncation shrinks. */
export const TRUNCATED_FIELDS = ['input', 'output', 'detail'] as const;
