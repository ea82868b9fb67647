import type { HmacOptions } from '../../shared/nodes/webhook.node.js';
import type { VerifyOutcome } from '../ingest/trigger-verifier.js';
import { anyMatch, hmac } from './signature-crypto.js';
import { checkTimestamp } from './timestamp-check.js';
import { dedupeKeyOf, splitList } from './provider-ids.js';
import { accept, MAX_SIGNATURE_ENTRIES, reject, type PresetRequest } from './verify-result.js';

/** The key bytes of a secret under the configured encoding, or null when it does not decode. */
function keyOf(secret: string, encoding: HmacOptions['secretEncoding']): Buffer | null {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(secret, 'utf8');
    case 'hex':
      return /^(?:[0-9a-fA-F]{2})+$/.test(secret) ? Buffer.from(secret, 'hex') : null;
    case 'base64':
      return /^[A-Za-z0-9+/]+={0,2}$/.test(secret) ? Buffer.from(secret, 'base64') : null;
    default: {
      const unreachable: never = encoding;
      return unreachable;
    }
  }
}

/** The signed bytes: the template's text parts as UTF-8 around the raw body bytes. */
export function signedParts(o: HmacOptions, req: PresetRequest, fields: { timestamp: string; id: string }): Array<Buffer | string> {
  if (o.signedContent === 'body') return [req.rawBody];
  const parts: Array<Buffer | string> = [];
  for (const piece of o.template.split(/(\{body\}|\{timestamp\}|\{id\}|\{url\})/)) {
    if (piece === '{body}') parts.push(req.rawBody);
    else if (piece === '{timestamp}') parts.push(fields.timestamp);
    else if (piece === '{id}') parts.push(fields.id);
    else if (piece === '{url}') parts.push(req.publicUrl);
    else if (piece !== '') parts.push(piece);
  }
  return parts;
}

/**
 * The generic HMAC preset, for senders without a preset of their own: a header with one or
 * more (separated) signatures, each optionally prefixed; HMAC with the chosen algorithm over
 * the body or a template; an optional signed timestamp checked both ways.
 */
export function verifyHmac(req: PresetRequest, secrets: readonly string[], o: HmacOptions): VerifyOutcome {
  const headerName = o.header.toLowerCase();
  const header = req.headers[headerName];
  if (!header) return reject('signature_missing', `The ${o.header} header is missing.`);
  const items = o.separator ? splitList(header, o.separator === ' ' ? / +/ : new RegExp(`\\${o.separator}`), MAX_SIGNATURE_ENTRIES) : [header.trim()];
  if (items === 'too_many') return reject('too_many_signatures', `${o.header} has more than ${MAX_SIGNATURE_ENTRIES} signatures.`);
  const provided: string[] = [];
  for (const item of items) {
    if (!item.startsWith(o.prefix)) continue;
    const sig = item.slice(o.prefix.length);
    provided.push(o.encoding === 'hex' ? sig.toLowerCase() : sig);
  }
  if (provided.length === 0) return reject('signature_malformed', o.prefix ? `${o.header} has no signature starting with "${o.prefix}".` : `${o.header} is empty.`);

  const tsHeader = o.timestampHeader?.toLowerCase();
  const timestamp = tsHeader ? req.headers[tsHeader]?.trim() : undefined;
  if (tsHeader && !timestamp) return reject('timestamp_missing', `The ${o.timestampHeader} header is missing.`);
  const id = o.idHeader ? req.headers[o.idHeader.toLowerCase()]?.trim() : undefined;
  if (o.signedContent === 'template' && o.template.includes('{id}') && !id) return reject('signature_malformed', `The ${o.idHeader} header is missing; it is part of what is signed.`);

  const keys = secrets.map((s) => keyOf(s, o.secretEncoding));
  if (keys.some((k) => k === null)) return reject('credential_invalid', `The trigger's secret does not decode as ${o.secretEncoding}.`);
  const parts = signedParts(o, req, { timestamp: timestamp ?? '', id: id ?? '' });
  const expected = keys.map((k) => hmac(o.algorithm, k as Buffer, parts).toString(o.encoding));
  if (!anyMatch(expected, provided)) return reject('signature_mismatch', `The ${o.header} signature does not match this trigger's secret and the signed content.`);
  if (tsHeader) {
    const stale = checkTimestamp(timestamp, req.now, o.toleranceSeconds, o.timestampUnit);
    if (stale) return stale;
  }
  return accept(dedupeKeyOf(id));
}
