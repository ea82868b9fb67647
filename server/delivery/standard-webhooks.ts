import { createHmac } from 'node:crypto';

/** The key bytes of a Standard Webhooks secret: base64 after an optional `whsec_` prefix. */
export function signingKey(secret: string): Buffer {
  const b64 = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  const key = Buffer.from(b64, 'base64');
  if (key.length < 16) throw new Error('the signing secret must be base64 of at least 16 bytes (whsec_...)');
  return key;
}

/**
 * Standard Webhooks headers for one attempt: `webhook-signature` is `v1,` + base64 of
 * HMAC-SHA256 over `id.timestamp.body` (the exact bytes sent). Called on every attempt, so
 * the timestamp is always fresh and receivers' 5-minute tolerance holds on late retries.
 */
export function standardWebhookHeaders(args: { id: string; timestampSec: number; body: Buffer; secret: string }): Record<string, string> {
  const ts = String(Math.floor(args.timestampSec));
  const mac = createHmac('sha256', signingKey(args.secret));
  mac.update(`${args.id}.${ts}.`);
  mac.update(args.body);
  return { 'webhook-id': args.id, 'webhook-timestamp': ts, 'webhook-signature': `v1,${mac.digest('base64')}` };
}
