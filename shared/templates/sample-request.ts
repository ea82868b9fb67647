import type { TemplateSample } from './define-template.js';

/** The exact body text a sample is sent as: compact JSON, or the form fields url-encoded in their order. */
export function sampleBodyText(sample: TemplateSample): string {
  if (sample.contentType === 'application/json') return JSON.stringify(sample.body);
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries((sample.body ?? {}) as Record<string, unknown>)) {
    for (const item of Array.isArray(v) ? v : [v]) form.append(k, String(item));
  }
  return form.toString();
}

/** The form fields of a form sample as the Twilio SDK signs them (a repeated field is a list). */
export function sampleFormParams(sample: TemplateSample): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries((sample.body ?? {}) as Record<string, unknown>)) out[k] = Array.isArray(v) ? v.map(String) : String(v);
  return out;
}

/** The headers a sample is sent with: its provider headers plus the content type. */
export function sampleHeaders(sample: TemplateSample): Record<string, string> {
  return { ...sample.headers, 'content-type': sample.contentType };
}
