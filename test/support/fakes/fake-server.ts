import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a fake saw it. */
export interface FakeRequest {
  method: string;
  /** The path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An answer; an object body is sent as JSON unless a content type says otherwise. */
export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body?: string | object;
}

/**
 * What an app fake does with a request: first `check` lists how it differs from what the
 * app's documentation requires (each difference is a test failure, recorded in `problems`),
 * then `answer` replies as the app would.
 */
export interface FakeApp {
  check(req: FakeRequest): string[];
  answer(req: FakeRequest, problems: string[]): FakeReply;
}

/**
 * An HTTP server on 127.0.0.1 playing one app. `failNext` queues answers (a 429, a 503) that
 * are given to the next well-formed requests before the app's normal answers resume.
 */
export async function startFake(app: FakeApp) {
  const requests: FakeRequest[] = [];
  const problems: string[] = [];
  const queued: FakeReply[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake.local');
      const r: FakeRequest = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(r);
      const found = app.check(r);
      problems.push(...found.map((p) => `${r.method} ${r.path}: ${p}`));
      const reply = found.length === 0 && queued.length ? (queued.shift() as FakeReply) : app.answer(r, found);
      const isObject = typeof reply.body === 'object';
      res.writeHead(reply.status, { ...(isObject ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...reply.headers });
      res.end(reply.body === undefined ? undefined : isObject ? JSON.stringify(reply.body) : reply.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    problems,
    failNext(...replies: FakeReply[]) {
      queued.push(...replies);
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
export type Fake = Awaited<ReturnType<typeof startFake>>;

/** The JSON body, or undefined when it is not JSON. */
export function jsonBody(req: FakeRequest): unknown {
  try {
    return JSON.parse(req.body) as unknown;
  } catch {
    return undefined;
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Problems with the content type: `expected` must be its media type (parameters such as charset allowed). */
export function contentTypeProblems(req: FakeRequest, expected: string): string[] {
  const got = String(req.headers['content-type'] ?? '');
  return got.split(';')[0]?.trim().toLowerCase() === expected ? [] : [`content-type is "${got}", not ${expected}`];
}

/** The user and password of a Basic `Authorization` header, or undefined. */
export function basicAuth(req: FakeRequest): { user: string; password: string } | undefined {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(String(req.headers.authorization ?? ''));
  if (!m?.[1]) return undefined;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const at = text.indexOf(':');
  return at < 0 ? undefined : { user: text.slice(0, at), password: text.slice(at + 1) };
}
