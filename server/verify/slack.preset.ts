import type { VerifyOutcome } from '../ingest/trigger-verifier.js';
import { anyMatch, hmac } from './signature-crypto.js';
import { checkTimestamp } from './timestamp-check.js';
import { dedupeKeyOf } from './provider-ids.js';
import { accept, reject, type PresetRequest } from './verify-result.js';

const MAX_CHALLENGE = 1024;

function parseJsonObject(raw: Buffer): Record<string, unknown> | null {
  if (raw.length === 0 || raw[0] !== 0x7b /* { */) return null;
  try {
    const v: unknown = JSON.parse(raw.toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Slack: `X-Slack-Signature: v0=<hex>` of HMAC-SHA256 over `v0:<ts>:<rawBody>`, with
 * `X-Slack-Request-Timestamp` checked both ways. Only once the signature holds: the Events
 * API's `url_verification` is answered with its challenge and nothing is stored, and an
 * event's `event_id` becomes the dedupe key (Slack retries carry the same id).
 */
export function verifySlack(req: PresetRequest, secrets: readonly string[], toleranceSeconds: number): VerifyOutcome {
  const header = req.headers['x-slack-signature']?.trim();
  if (!header) return reject('signature_missing', 'The X-Slack-Signature header is missing.');
  const m = /^v0=([0-9a-fA-F]+)$/.exec(header);
  if (!m?.[1]) return reject('signature_malformed', 'X-Slack-Signature is not "v0=" followed by hex.');
  const ts = req.headers['x-slack-request-timestamp']?.trim();
  if (!ts) return reject('timestamp_missing', 'The X-Slack-Request-Timestamp header is missing.');
  if (!/^\d{1,16}$/.test(ts)) return reject('timestamp_invalid', 'X-Slack-Request-Timestamp is not a whole number.');
  const expected = secrets.map((s) => hmac('sha256', Buffer.from(s, 'utf8'), [`v0:${ts}:`, req.rawBody]).toString('hex'));
  if (!anyMatch(expected, [m[1].toLowerCase()])) return reject('signature_mismatch', "The Slack signature does not match this trigger's signing secret and the exact body.");
  const stale = checkTimestamp(ts, req.now, toleranceSeconds);
  if (stale) return stale;

  const body = parseJsonObject(req.rawBody);
  if (body?.type === 'url_verification' && typeof body.challenge === 'string' && body.challenge.length <= MAX_CHALLENGE) {
    return { ok: true, reply: { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: body.challenge } };
  }
  return accept(dedupeKeyOf(typeof body?.event_id === 'string' ? body.event_id : null));
}
