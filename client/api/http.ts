import type { z } from 'zod';

/** One problem the server found in a workflow, pointing at a node, an edge or a field. */
export interface ApiIssue {
  nodeId?: string;
  edgeId?: string;
  path: string;
  message: string;
}

/** A failed API call, carrying the server's stable code and message (or a network failure). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The subset of `fetch` the client needs; injected so tests can point it anywhere. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called whenever the session has expired (any 401), so the app can return to sign-in. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

function readError(status: number, body: unknown): ApiError {
  const err = (body as { error?: { code?: unknown; message?: unknown; issues?: unknown } } | null)?.error;
  const code = typeof err?.code === 'string' ? err.code : status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
  const message = typeof err?.message === 'string' ? err.message : `The server answered ${status}.`;
  const issues = Array.isArray(err?.issues) ? (err.issues as ApiIssue[]) : [];
  return new ApiError(status, code, message, issues);
}

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Statuses that are not errors and carry no body to parse (e.g. 204 on a long-poll timeout). */
  emptyOk?: boolean;
  /** Extra request headers (e.g. If-Match on a draft save). */
  headers?: Record<string, string>;
}

/** Changes echo the session's CSRF token from its readable cookie (double submit); reads and non-browser callers send none. */
function csrfHeader(method: string): Record<string, string> {
  if (method === 'GET' || typeof document === 'undefined') return {};
  const token = /(?:^|;\s*)sy_csrf=([\w-]+)/.exec(document.cookie)?.[1];
  return token ? { 'x-csrf-token': token } : {};
}

/** The one place that talks HTTP: JSON in, parsed JSON out, `ApiError` on failure. */
export function createHttp(fetchImpl: FetchLike = (i, init) => fetch(i, init), base = '') {
  async function request<S extends z.ZodType>(method: string, path: string, schema: S, opts: RequestOptions = {}): Promise<z.output<S>> {
    const result = await requestMaybe(method, path, schema, opts);
    if (result === undefined) throw new ApiError(204, 'EMPTY', 'The server sent no data.');
    return result;
  }

  async function requestMaybe<S extends z.ZodType>(method: string, path: string, schema: S, opts: RequestOptions = {}): Promise<z.output<S> | undefined> {
    let res: Response;
    try {
      res = await fetchImpl(base + path, {
        method,
        credentials: 'same-origin',
        headers: { accept: 'application/json', ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...csrfHeader(method), ...opts.headers },
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
        signal: opts.signal,
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError(0, 'NETWORK', 'Could not reach the server. Check that Switchyard is running.');
    }
    if (res.status === 204) return undefined;
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (!res.ok) {
      const error = readError(res.status, body);
      if (res.status === 401 && !path.startsWith('/api/auth/')) unauthorizedListeners.forEach((l) => l());
      throw error;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new ApiError(res.status, 'BAD_RESPONSE', `Unexpected answer from ${method} ${path}: ${first?.path.join('.') ?? ''} ${first?.message ?? ''}`.trim());
    }
    return parsed.data;
  }

  return { request, requestMaybe };
}

export type Http = ReturnType<typeof createHttp>;
