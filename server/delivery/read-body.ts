import { once } from 'node:events';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** A response body read up to a cap. */
export interface CappedBody {
  bytes: Buffer;
  /** More was sent than kept; the connection was dropped rather than read to the end. */
  truncated: boolean;
  /** A Content-Encoding this client does not decode: `bytes` are still encoded. */
  undecodedEncoding?: string;
  /** The compressed stream was corrupt; `bytes` holds what decoded before that. */
  decodeError?: string;
}

function decoderFor(encoding: string): Transform | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return null;
  }
}

async function readPlain(body: AsyncIterable<Buffer>, limit: number): Promise<CappedBody> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const room = limit - size;
    if (chunk.length > room) {
      parts.push(chunk.subarray(0, room));
      // Leaving the loop destroys the stream: the rest is never read off the socket.
      return { bytes: Buffer.concat(parts), truncated: true };
    }
    parts.push(chunk);
    size += chunk.length;
  }
  return { bytes: Buffer.concat(parts), truncated: false };
}

/**
 * Decodes with a cap on the OUTPUT (a gzip bomb expands 1000x) and on the raw input, feeding
 * the decoder by hand so that neither side can grow past its cap before we stop.
 */
async function readDecoded(body: AsyncIterable<Buffer>, decoder: Transform, limit: number): Promise<CappedBody> {
  const parts: Buffer[] = [];
  let size = 0;
  let truncated = false;
  let decodeError: string | undefined;
  const finished = new Promise<void>((resolve) => {
    decoder.on('data', (chunk: Buffer) => {
      if (truncated) return;
      const room = limit - size;
      if (chunk.length > room) {
        parts.push(chunk.subarray(0, room));
        size = limit;
        truncated = true;
        decoder.destroy();
        return;
      }
      parts.push(chunk);
      size += chunk.length;
    });
    decoder.once('end', resolve);
    decoder.once('close', resolve);
    decoder.once('error', (err: Error) => {
      decodeError = err.message;
      resolve();
    });
  });
  const rawCap = limit * 2 + 65_536;
  let raw = 0;
  for await (const chunk of body) {
    raw += chunk.length;
    if (truncated || decodeError !== undefined) break;
    if (raw > rawCap) {
      truncated = true;
      break;
    }
    if (!decoder.write(chunk)) await Promise.race([once(decoder, 'drain'), finished]);
  }
  if (truncated || decodeError !== undefined) decoder.destroy();
  else decoder.end();
  await finished;
  return { bytes: Buffer.concat(parts), truncated, ...(decodeError !== undefined ? { decodeError } : {}) };
}

/** Reads at most `limit` bytes of a (possibly compressed) response body. */
export async function readBodyCapped(body: AsyncIterable<Buffer>, contentEncoding: string | undefined, limit: number): Promise<CappedBody> {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return readPlain(body, limit);
  const decoder = decoderFor(encoding);
  if (!decoder) return { ...(await readPlain(body, limit)), undecodedEncoding: encoding };
  return readDecoded(body, decoder, limit);
}

const textual = /^(text\/|application\/([\w.+-]*\+)?(json|xml|javascript|x-www-form-urlencoded|graphql|yaml|x-ndjson))/i;
const jsonType = /^application\/([\w.+-]*\+)?json/i;

/** The body as a step output: parsed JSON when it is JSON, text when textual, else base64. */
export function bodyValue(body: CappedBody, contentType: string | undefined): { value: unknown; encoding?: 'base64' } {
  if (body.bytes.length === 0) return { value: null };
  const type = (contentType ?? '').trim();
  if (body.undecodedEncoding === undefined && (type === '' || textual.test(type))) {
    const text = body.bytes.toString('utf8');
    if (!body.truncated && (jsonType.test(type) || (type === '' && /^\s*[[{]/.test(text)))) {
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return { value: text };
      }
    }
    return { value: text };
  }
  return { value: body.bytes.toString('base64'), encoding: 'base64' };
}
