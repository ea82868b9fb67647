import type { VerifyOutcome } from '../ingest/trigger-verifier.js';
import { anyMatch, hmac } from './signature-crypto.js';
import { dedupeKeyOf } from './provider-ids.js';
import { accept, reject, type PresetRequest } from './verify-result.js';

/**
 * Shopify: `X-Shopify-Hmac-Sha256` is base64 of HMAC-SHA256 over the raw body, keyed with the
 * app's client secret. After a secret change Shopify may sign with the old one for up to an
 * hour, hence previousSecret. `X-Shopify-Webhook-Id` dedupes.
 */
export function verifyShopify(req: PresetRequest, secrets: readonly string[]): VerifyOutcome {
  const header = req.headers['x-shopify-hmac-sha256']?.trim();
  if (!header) return reject('signature_missing', 'The X-Shopify-Hmac-Sha256 header is missing.');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(header)) return reject('signature_malformed', 'X-Shopify-Hmac-Sha256 is not base64.');
  const expected = secrets.map((s) => hmac('sha256', Buffer.from(s, 'utf8'), [req.rawBody]).toString('base64'));
  if (!anyMatch(expected, [header])) return reject('signature_mismatch', "The Shopify signature does not match this trigger's client secret and the exact body.");
  return accept(dedupeKeyOf(req.headers['x-shopify-webhook-id']));
}
