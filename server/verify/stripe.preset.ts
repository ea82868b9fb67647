import type { VerifyOutcome } from '../ingest/trigger-verifier.js';
import { anyMatch, hmac } from './signature-crypto.js';
import { checkTimestamp } from './timestamp-check.js';
import { dedupeKeyOf, jsonStringField, splitList } from './provider-ids.js';
import { accept, MAX_SIGNATURE_ENTRIES, reject, type PresetRequest } from './verify-result.js';

/**
 * Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`; v1 is HMAC-SHA256 over
 * `t.rawBody` keyed with the whole `whsec_…` text (not decoded). Several v1 entries appear
 * while Stripe rolls a secret. The timestamp is checked both ways (Stripe's SDK checks only
 * the past). The event's `id` in the body is the dedupe key.
 */
export function verifyStripe(req: PresetRequest, secrets: readonly string[], toleranceSeconds: number): VerifyOutcome {
  const header = req.headers['stripe-signature'];
  if (!header) return reject('signature_missing', 'The Stripe-Signature header is missing.');
  const items = splitList(header, /,/, MAX_SIGNATURE_ENTRIES + 2);
  if (items === 'too_many') return reject('too_many_signatures', `Stripe-Signature has more than ${MAX_SIGNATURE_ENTRIES} entries.`);
  let timestamp: string | undefined;
  const v1: string[] = [];
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) return reject('signature_malformed', 'Stripe-Signature is not a list of key=value pairs.');
    const key = item.slice(0, eq);
    const value = item.slice(eq + 1);
    if (key === 't') {
      if (timestamp !== undefined) return reject('signature_malformed', 'Stripe-Signature carries more than one timestamp.');
      timestamp = value;
    } else if (key === 'v1') v1.push(value.toLowerCase());
  }
  if (timestamp === undefined) return reject('timestamp_missing', 'Stripe-Signature has no t= timestamp.');
  if (v1.length === 0) return reject('signature_missing', 'Stripe-Signature has no v1= signature.');
  if (v1.length > MAX_SIGNATURE_ENTRIES) return reject('too_many_signatures', `Stripe-Signature has more than ${MAX_SIGNATURE_ENTRIES} v1 signatures.`);
  const expected = secrets.map((s) => hmac('sha256', Buffer.from(s, 'utf8'), [`${timestamp}.`, req.rawBody]).toString('hex'));
  if (!anyMatch(expected, v1)) return reject('signature_mismatch', "The Stripe signature does not match this trigger's signing secret (whsec_…) and the exact body.");
  const stale = checkTimestamp(timestamp, req.now, toleranceSeconds);
  if (stale) return stale;
  return accept(dedupeKeyOf(jsonStringField(req.rawBody, 'id')));
}
