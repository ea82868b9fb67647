import type { VerifyOutcome } from '../ingest/trigger-verifier.js';
import { anyMatch, hmac } from './signature-crypto.js';
import { checkTimestamp } from './timestamp-check.js';
import { dedupeKeyOf, splitList } from './provider-ids.js';
import { accept, MAX_SIGNATURE_ENTRIES, reject, type PresetRequest } from './verify-result.js';

/** The key bytes of a Standard Webhooks secret (base64 after `whsec_`), or null when it is not one. */
export function standardWebhooksKey(secret: string): Buffer | null {
  const b64 = secret.startsWith('whsec_') ? secret.slice(6) : secret;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return null;
  const key = Buffer.from(b64, 'base64');
  return key.length >= 16 ? key : null;
}

/**
 * Standard Webhooks (and Svix, whose headers say `svix-` instead of `webhook-`): the
 * signature is HMAC-SHA256 over `id.timestamp.rawBody` keyed with the base64-decoded secret;
 * the header holds space-separated `v1,<base64>` entries, any of which may match (rotation).
 * Other versions (`v1a` asymmetric) are ignored. The message id dedupes.
 */
export function verifyStandardWebhooks(req: PresetRequest, secrets: readonly string[], toleranceSeconds: number): VerifyOutcome {
  const prefix = req.headers['webhook-signature'] !== undefined ? 'webhook' : 'svix';
  const id = req.headers[`${prefix}-id`]?.trim();
  const ts = req.headers[`${prefix}-timestamp`]?.trim();
  const header = req.headers[`${prefix}-signature`];
  if (!header) return reject('signature_missing', 'The webhook-signature (or svix-signature) header is missing.');
  if (!id) return reject('signature_malformed', `The ${prefix}-id header is missing; it is part of what is signed.`);
  if (!ts) return reject('timestamp_missing', `The ${prefix}-timestamp header is missing.`);
  if (!/^\d{1,16}$/.test(ts)) return reject('timestamp_invalid', `${prefix}-timestamp is not a whole number.`);
  const items = splitList(header, / +/, MAX_SIGNATURE_ENTRIES);
  if (items === 'too_many') return reject('too_many_signatures', `${prefix}-signature has more than ${MAX_SIGNATURE_ENTRIES} entries.`);
  const provided = items.filter((i) => i.startsWith('v1,')).map((i) => i.slice(3));
  if (provided.length === 0) return reject('signature_malformed', `${prefix}-signature has no "v1," entry.`);
  const keys = secrets.map(standardWebhooksKey);
  if (keys.some((k) => k === null)) return reject('credential_invalid', "The trigger's secret is not a Standard Webhooks secret (whsec_ followed by base64 of at least 16 bytes).");
  const expected = keys.map((k) => hmac('sha256', k as Buffer, [`${id}.${ts}.`, req.rawBody]).toString('base64'));
  if (!anyMatch(expected, provided)) return reject('signature_mismatch', "The signature does not match this trigger's secret, the message id, the timestamp and the exact body.");
  const stale = checkTimestamp(ts, req.now, toleranceSeconds);
  if (stale) return stale;
  return accept(dedupeKeyOf(id));
}
