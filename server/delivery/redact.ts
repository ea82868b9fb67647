const sensitive = /authorization|cookie|token|secret|signature|password|api-?key|x-hub-signature/i;

/** Headers as stored on an attempt: values that may be credentials are replaced. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = sensitive.test(k) ? '[redacted]' : v;
  return out;
}

/** A URL as stored on an attempt: without user:password. */
export function redactUrl(url: URL): string {
  if (!url.username && !url.password) return url.href;
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

/** The first `max` bytes of a buffer as text, marked when cut. */
export function preview(bytes: Buffer, max: number): string {
  return bytes.length <= max ? bytes.toString('utf8') : `${bytes.subarray(0, max).toString('utf8')}… [${bytes.length - max} more bytes]`;
}
