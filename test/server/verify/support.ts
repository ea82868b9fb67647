import type { PresetRequest } from '../../../server/verify/verify-result.js';

/** A fixed "now" for pure preset tests: 2023-11-14T22:13:20Z. */
export const NOW = 1_700_000_000_000;
export const NOW_S = NOW / 1000;

/** A request as a preset sees it; header names are lower-cased as Node delivers them. */
export function presetRequest(body: string | Buffer, headers: Record<string, string>, extra: Partial<PresetRequest> = {}): PresetRequest {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: 'POST', publicUrl: 'https://hooks.example.test/hooks/abc', headers: lower, rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), now: NOW, ...extra };
}

/** The same body with one byte changed. */
export const tamper = (body: string) => body.replace(/.$/, (c) => (c === '}' ? ' }' : `${c}x`));

/** A refusal's code, or 'ok'. */
export const codeOf = (v: { ok: boolean; code?: string }) => (v.ok ? 'ok' : v.code);
