import { createServer, STATUS_CODES, type RequestListener, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { IngressConfig } from '../ingest/ingress-config.js';

/** Node's parser errors (before any handler runs), as a status and a stable code. */
function answerFor(code: string | undefined): [number, string, string] {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'REQUEST_TIMEOUT', 'The request took too long to arrive; the connection is closed.'];
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'HEADERS_TOO_LARGE', 'The request headers are too large.'];
    default:
      return [400, 'BAD_REQUEST', 'The request is not valid HTTP.'];
  }
}

/**
 * Answers what Node's HTTP parser refuses (bad framing, oversized headers, slow clients) with the
 * JSON error shape instead of a bare status line, then closes the connection.
 */
export function onClientError(err: Error & { code?: string }, socket: Duplex & { bytesWritten?: number }): void {
  if (err.code === 'ECONNRESET' || !socket.writable || (socket.bytesWritten ?? 0) > 0) {
    socket.destroy();
    return;
  }
  const [status, code, message] = answerFor(err.code);
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/**
 * The server that listens: slow clients are cut off by `headersTimeoutMs` (slow headers) and
 * `requestTimeoutMs` (a trickled body), checked often enough for short timeouts to mean what they say.
 */
export function createHttpServer(handler: RequestListener, ingress: Pick<IngressConfig, 'headersTimeoutMs' | 'requestTimeoutMs'>): Server {
  const server = createServer(
    {
      headersTimeout: ingress.headersTimeoutMs,
      requestTimeout: ingress.requestTimeoutMs,
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(ingress.headersTimeoutMs / 4))),
    },
    handler,
  );
  server.on('clientError', onClientError);
  return server;
}
