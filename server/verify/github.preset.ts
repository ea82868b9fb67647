import type { VerifyOutcome } from '../ingest/trigger-verifier.js';
import { anyMatch, hmac } from './signature-crypto.js';
import { dedupeKeyOf } from './provider-ids.js';
import { accept, reject, type PresetRequest } from './verify-result.js';

/**
 * GitHub: `X-Hub-Signature-256: sha256=<hex>` of HMAC-SHA256 over the raw body. No
 * timestamp, so the delivery id (`X-GitHub-Delivery`) dedupe is the replay protection. The
 * SHA-1 `X-Hub-Signature` is not accepted: GitHub sends the SHA-256 one on every delivery.
 */
export function verifyGithub(req: PresetRequest, secrets: readonly string[]): VerifyOutcome {
  const header = req.headers['x-hub-signature-256'];
  if (!header) return reject('signature_missing', 'The X-Hub-Signature-256 header is missing; set a secret on the GitHub webhook.');
  const m = /^sha256=([0-9a-fA-F]+)$/.exec(header.trim());
  if (!m?.[1]) return reject('signature_malformed', 'X-Hub-Signature-256 is not "sha256=" followed by hex.');
  const expected = secrets.map((s) => hmac('sha256', Buffer.from(s, 'utf8'), [req.rawBody]).toString('hex'));
  if (!anyMatch(expected, [m[1].toLowerCase()])) return reject('signature_mismatch', "The GitHub signature does not match this trigger's secret and the exact body.");
  return accept(dedupeKeyOf(req.headers['x-github-delivery']));
}
