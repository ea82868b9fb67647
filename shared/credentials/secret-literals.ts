// Finds secrets typed straight into an HTTP step's headers or URL, so the editor can warn and
// move each one into a credential of the fitting type (http-auth-credentials.ts). Pure: the
// editor calls it on every change, the tests call it directly.

/** The credential a literal becomes, with the values it takes from the step. */
export type SecretCredential =
  | { type: 'http-bearer'; data: { token: string } }
  | { type: 'http-basic'; data: { username: string; password: string } }
  | { type: 'http-header'; data: { name: string; value: string } }
  | { type: 'http-query'; data: { name: string; value: string } };

/** A literal that looks like a secret: where it is, why it looks secret, and its credential. */
export interface SecretLiteral {
  place: { kind: 'header' | 'query'; name: string };
  reason: string;
  credential: SecretCredential;
}

const SECRET_NAME = /api[-_]?key|token|secret|passw(or)?d|credential|signature|^auth$|^x-auth$|^key$|^sig$/i;
const KNOWN_PREFIX = /^(sk|rk|pk)_(live|test)_|^gh[pousr]_|^github_pat_|^xox[abpr]-|^AKIA[0-9A-Z]{16}$|^glpat-|^SG\./;
/** Headers that name formats and clients, never secrets, whatever their value looks like. */
const PLAIN_HEADERS = new Set(['content-type', 'accept', 'accept-encoding', 'accept-language', 'user-agent', 'content-encoding', 'cache-control', 'if-none-match', 'if-match']);

/** Bits per character of the value's own character distribution. */
function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / value.length) * Math.log2(n / value.length);
  return bits;
}

/** A long token of mixed letters and digits with a spread-out alphabet: a key, not a word or an id. */
export function looksLikeKey(value: string): boolean {
  if (KNOWN_PREFIX.test(value)) return true;
  if (value.length < 24 || !/^[A-Za-z0-9_\-+/=.~]+$/.test(value)) return false;
  return /[A-Za-z]/.test(value) && /\d/.test(value) && entropy(value) >= 3.5;
}

const isTemplate = (value: string) => value.includes('{{');

/** `Basic dXNlcjpwYXNz` as user and password, when it decodes to `user:password`. */
function basicPair(encoded: string): { username: string; password: string } | null {
  if (!/^[A-Za-z0-9+/]+=*$/.test(encoded)) return null;
  const text = atob(encoded);
  const colon = text.indexOf(':');
  if (colon < 0 || !/^[\x20-\x7e]*$/.test(text) || colon === text.length - 1) return null;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

function headerSecret(name: string, value: string): SecretLiteral | null {
  const lower = name.toLowerCase();
  const v = value.trim();
  if (v === '' || isTemplate(v) || PLAIN_HEADERS.has(lower)) return null;
  const asHeader = (reason: string): SecretLiteral => ({ place: { kind: 'header', name }, reason, credential: { type: 'http-header', data: { name, value: v } } });
  if (lower === 'authorization') {
    const bearer = /^Bearer\s+(\S+)$/i.exec(v);
    if (bearer?.[1]) return { place: { kind: 'header', name }, reason: 'an Authorization header with a bearer token', credential: { type: 'http-bearer', data: { token: bearer[1] } } };
    const basic = /^Basic\s+(\S+)$/i.exec(v);
    const pair = basic?.[1] ? basicPair(basic[1]) : null;
    if (pair) return { place: { kind: 'header', name }, reason: 'an Authorization header with a user name and password', credential: { type: 'http-basic', data: pair } };
    return asHeader('an Authorization header');
  }
  if (lower === 'proxy-authorization' || SECRET_NAME.test(lower)) return asHeader(`a "${name}" header`);
  if (/^Bearer\s+\S+$/i.test(v)) return asHeader('a bearer token');
  if (looksLikeKey(v)) return asHeader('a value that looks like a key');
  return null;
}

/** The query parameters of a URL as written: name and value decoded, and their place in the text. */
function queryParams(url: string): Array<{ name: string; value: string; raw: string }> {
  const q = url.indexOf('?');
  if (q < 0) return [];
  const hash = url.indexOf('#', q);
  const query = url.slice(q + 1, hash < 0 ? undefined : hash);
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return query
    .split('&')
    .filter((raw) => raw !== '')
    .map((raw) => {
      const eq = raw.indexOf('=');
      return { raw, name: decode(eq < 0 ? raw : raw.slice(0, eq)), value: decode(eq < 0 ? '' : raw.slice(eq + 1)) };
    });
}

function querySecret(name: string, value: string): SecretLiteral | null {
  if (value === '' || isTemplate(value) || isTemplate(name)) return null;
  const credential: SecretCredential = { type: 'http-query', data: { name, value } };
  if (SECRET_NAME.test(name)) return { place: { kind: 'query', name }, reason: `a "${name}" parameter in the URL`, credential };
  if (looksLikeKey(value)) return { place: { kind: 'query', name }, reason: 'a URL parameter that looks like a key', credential };
  return null;
}

/** Every header and URL parameter of an HTTP step's settings that looks like a secret. */
export function findSecretLiterals(config: { url?: unknown; headers?: unknown }): SecretLiteral[] {
  const found: SecretLiteral[] = [];
  if (config.headers && typeof config.headers === 'object' && !Array.isArray(config.headers)) {
    for (const [name, value] of Object.entries(config.headers)) {
      const hit = typeof value === 'string' ? headerSecret(name, value) : null;
      if (hit) found.push(hit);
    }
  }
  if (typeof config.url === 'string') {
    for (const p of queryParams(config.url)) {
      const hit = querySecret(p.name, p.value);
      if (hit) found.push(hit);
    }
  }
  return found;
}

/** The URL without the named query parameter (every occurrence); the `?` goes when nothing is left. */
export function withoutQueryParam(url: string, name: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hash = url.indexOf('#', q);
  const tail = hash < 0 ? '' : url.slice(hash);
  const kept = queryParams(url)
    .filter((p) => p.name !== name)
    .map((p) => p.raw);
  return `${url.slice(0, q)}${kept.length ? `?${kept.join('&')}` : ''}${tail}`;
}

/**
 * The step's settings once the literal lives in credential `credentialId`: the header or URL
 * parameter is gone and the step sends the credential (`auth`).
 */
export function moveSecretLiteral<C extends Record<string, unknown>>(config: C, literal: SecretLiteral, credentialId: string): C {
  const next: Record<string, unknown> = { ...config, auth: { credentialId } };
  if (literal.place.kind === 'header') {
    const headers = { ...(config.headers as Record<string, string> | undefined) };
    delete headers[literal.place.name];
    next.headers = headers;
  } else if (typeof config.url === 'string') {
    next.url = withoutQueryParam(config.url, literal.place.name);
  }
  return next as C;
}
