import type { VerifyOutcome } from '../ingest/trigger-verifier.js';
import { anyMatch, hmac } from './signature-crypto.js';
import { dedupeKeyOf, splitList } from './provider-ids.js';
import { accept, MAX_SIGNATURE_ENTRIES, reject, type PresetRequest } from './verify-result.js';

/**
 * PagerDuty webhooks v3: `X-PagerDuty-Signature: v1=<hex>[,v1=<hex>…]`, HMAC-SHA256 of the
 * raw body; several entries while a secret rotates. No timestamp: `X-Webhook-Id` dedupes.
 */
export function verifyPagerduty(req: PresetRequest, secrets: readonly string[]): VerifyOutcome {
  const header = req.headers['x-pagerduty-signature'];
  if (!header) return reject('signature_missing', 'The X-PagerDuty-Signature header is missing.');
  const items = splitList(header, /,/, MAX_SIGNATURE_ENTRIES);
  if (items === 'too_many') return reject('too_many_signatures', `X-PagerDuty-Signature has more than ${MAX_SIGNATURE_ENTRIES} entries.`);
  const provided = items.filter((i) => i.startsWith('v1=')).map((i) => i.slice(3).toLowerCase());
  if (provided.length === 0) return reject('signature_malformed', 'X-PagerDuty-Signature has no v1= entry.');
  const expected = secrets.map((s) => hmac('sha256', Buffer.from(s, 'utf8'), [req.rawBody]).toString('hex'));
  if (!anyMatch(expected, provided)) return reject('signature_mismatch', "The PagerDuty signature does not match this trigger's secret and the exact body.");
  return accept(dedupeKeyOf(req.headers['x-webhook-id']));
}
