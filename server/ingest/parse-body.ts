import type { WebhookConfig } from '../../shared/nodes/webhook.node.js';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from '../lib/json-depth.js';

export type ParsedBody = { ok: true; body: unknown } | { ok: false; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function decodeText(raw: Buffer): string | undefined {
  try {
    return utf8.decode(raw);
  } catch {
    return undefined;
  }
}

/** Form fields as an object; a repeated key becomes an array. Keys like `__proto__` stay plain data. */
function parseForm(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [k, v] of new URLSearchParams(text)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return { ...out };
}

/** Which parser a body gets: the trigger's setting, or in `auto` mode its content type. */
export function effectiveFormat(contentType: string | undefined, format: WebhookConfig['bodyFormat']): Exclude<WebhookConfig['bodyFormat'], 'auto'> {
  if (format !== 'auto') return format;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type.startsWith('text/') || type === 'application/xml' || type.endsWith('+xml')) return 'text';
  return type === '' ? 'json' : 'raw';
}

/**
 * Parses the raw bytes into `trigger.body`. Pure; the same function runs at ingest (to refuse
 * malformed bodies with 400) and in the executor (to rebuild the trigger data from the stored bytes).
 * An empty body is `null`. In `auto` mode a body without a content type is tried as JSON and
 * kept as text if it is not JSON. `raw` bodies are base64.
 */
export function parseBody(raw: Buffer, contentType: string | undefined, format: WebhookConfig['bodyFormat']): ParsedBody {
  if (raw.length === 0) return { ok: true, body: null };
  const kind = effectiveFormat(contentType, format);
  if (kind === 'raw') return { ok: true, body: { base64: raw.toString('base64'), size: raw.length } };
  const text = decodeText(raw);
  if (text === undefined) return { ok: false, message: 'The body is not valid UTF-8.' };
  const content = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  switch (kind) {
    case 'json':
      // Parsing would succeed, but a very deep body breaks JSON.stringify and the sandbox copy later, in the worker.
      if (jsonNestsDeeperThan(content, MAX_JSON_DEPTH)) {
        if (format === 'auto' && !contentType) return { ok: true, body: content };
        return { ok: false, message: `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.` };
      }
      try {
        return { ok: true, body: JSON.parse(content) };
      } catch (e) {
        if (format === 'auto' && !contentType) return { ok: true, body: content };
        return { ok: false, message: `The body is not valid JSON: ${(e as Error).message}` };
      }
    case 'form':
      return { ok: true, body: parseForm(content) };
    case 'text':
      return { ok: true, body: content };
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}
