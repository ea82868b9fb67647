import type { VerifyOutcome } from '../ingest/trigger-verifier.js';
import { anyMatch, hmac, safeEqual, sha256Hex } from './signature-crypto.js';
import { dedupeKeyOf } from './provider-ids.js';
import { accept, reject, type PresetRequest } from './verify-result.js';

/** The URL with and without its default port: Twilio may sign either, depending on how it was configured. */
export function urlVariants(url: string): string[] {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/i.exec(url);
  if (!m) return [url];
  const [, scheme = '', authority = '', rest = ''] = m;
  const port = /:(\d+)$/.exec(authority);
  const host = port ? authority.slice(0, -port[0].length) : authority;
  const defaultPort = scheme.toLowerCase() === 'https://' ? '443' : '80';
  const out = new Set([url, scheme + host + rest]);
  if (!port) out.add(`${scheme}${host}:${defaultPort}${rest}`);
  return [...out];
}

/**
 * What Twilio signs after the URL: every form parameter as key+value, keys sorted; a key
 * repeated carries its distinct values sorted (as the twilio SDK builds it).
 */
export function twilioParamString(form: URLSearchParams): string {
  const byKey = new Map<string, Set<string>>();
  for (const [k, v] of form) (byKey.get(k) ?? byKey.set(k, new Set()).get(k))?.add(v);
  let out = '';
  for (const key of [...byKey.keys()].sort()) for (const v of [...(byKey.get(key) ?? [])].sort()) out += key + v;
  return out;
}

const isForm = (contentType: string | undefined) => /^application\/x-www-form-urlencoded\b/i.test(contentType ?? '');

/**
 * Twilio: `X-Twilio-Signature` is base64 HMAC-SHA1 (auth token) over the public URL (from
 * PUBLIC_URL, never Host) plus, for form posts, the sorted params. JSON bodies are covered by
 * `bodySHA256` (hex SHA-256 of the body) in the signed URL's query. Primary token only per
 * Twilio; a previousSecret is still tried so a person can rotate without downtime.
 */
export function verifyTwilio(req: PresetRequest, secrets: readonly string[]): VerifyOutcome {
  const header = req.headers['x-twilio-signature']?.trim();
  if (!header) return reject('signature_missing', 'The X-Twilio-Signature header is missing.');
  const params = isForm(req.headers['content-type']) ? twilioParamString(new URLSearchParams(req.rawBody.toString('utf8'))) : '';
  const urls = urlVariants(req.publicUrl);
  const expected = secrets.flatMap((s) => urls.map((u) => hmac('sha1', Buffer.from(s, 'utf8'), [u, params]).toString('base64')));
  if (!anyMatch(expected, [header])) {
    return reject('signature_mismatch', `The Twilio signature does not match the auth token for ${req.publicUrl}; check PUBLIC_URL is the address Twilio calls.`);
  }
  if (!isForm(req.headers['content-type'])) {
    const bodyHash = new URL(req.publicUrl).searchParams.get('bodySHA256');
    if (bodyHash === null && req.rawBody.length > 0) return reject('body_hash_mismatch', 'The body is not a form and the signed URL has no bodySHA256 to cover it.');
    if (bodyHash !== null && !safeEqual(bodyHash.toLowerCase(), sha256Hex(req.rawBody))) return reject('body_hash_mismatch', 'The body does not match the bodySHA256 in the signed URL.');
  }
  return accept(dedupeKeyOf(req.headers['i-twilio-idempotency-token']));
}
