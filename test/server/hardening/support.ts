import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';

/** What came back: the status (0 when the server closed without answering), the body text and headers. */
export interface Reply {
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface SendOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** A body, or a list of chunks sent with chunked encoding. */
  body?: string | Buffer | Buffer[];
}

/** One HTTP request to `base` (127.0.0.1) with node:http, which lets a test set any header and send chunks. */
export function send(base: string, o: SendOptions): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...o.headers };
    const chunked = Array.isArray(o.body);
    if (chunked) headers['transfer-encoding'] = 'chunked';
    const req = httpRequest(`${base}${o.path}`, { method: o.method ?? 'POST', headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString(), headers: res.headers }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString(), headers: res.headers }));
    });
    // A server that refuses early (413) may close while we still write: the answer still counts.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? resolve({ status: 0, text: '', headers: {} }) : reject(err)));
    if (Array.isArray(o.body)) for (const c of o.body) req.write(c);
    else if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

/**
 * Writes raw bytes to 127.0.0.1:`port` in pieces, `gapMs` apart (a slow client when > 0), and
 * resolves with the status of the first response line, or 0 when the server closed without one.
 */
export function raw(port: number, pieces: Array<string | Buffer>, gapMs = 0): Promise<Reply> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const got: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    socket.on('data', (d: Buffer) => got.push(d));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(got).toString('latin1');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, text: text.slice(text.indexOf('\r\n\r\n') + 4), headers: {} });
    });
    let i = 0;
    const next = () => {
      if (socket.destroyed) return;
      if (i >= pieces.length) {
        // Everything sent: give the server a moment to answer, then hang up ourselves.
        timer = setTimeout(() => socket.end(), 3_000);
        return;
      }
      socket.write(pieces[i++] as string | Buffer);
      timer = setTimeout(next, gapMs);
    };
    socket.on('connect', next);
  });
}

/** Text nested `depth` arrays deep. */
export const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** The own property names of the built-in prototypes, to prove nothing was added to them. */
export const prototypeSnapshot = () => [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join(','));
