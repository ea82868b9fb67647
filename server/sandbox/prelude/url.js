// Runs inside the isolate (see kit.js). `URL` and `URLSearchParams`, which a bare V8 context
// lacks. URL parsing and setters are done by the host's WHATWG parser on copied strings (one
// small callback, strings in and out); URLSearchParams is plain JavaScript.

/** @typedef {import('./kit.js').Kit} Kit */
/** @typedef {import('./kit.js').Host} Host */
/** @typedef {{ href: string, origin: string, protocol: string, username: string, password: string, host: string, hostname: string, port: string, pathname: string, search: string, hash: string }} UrlParts */

/** The URL globals: URL, URLSearchParams. @param {Host} host @param {Kit} kit */
export function makeUrl(host, kit) {
  const { parse } = kit;
  const enc = encodeURIComponent;
  const dec = decodeURIComponent;

  /** @param {string} s form-urlencoded serialization of one name or value */
  const formEncode = (s) =>
    enc(kit.wellFormed(s))
      .replace(/%20/g, '+')
      .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  /** @param {string} s lenient decoding: invalid percent sequences stay as they are */
  const formDecode = (s) =>
    s.replace(/\+/g, ' ').replace(/(?:%[0-9A-Fa-f]{2})+/g, (m) => {
      try {
        return dec(m);
      } catch {
        return m;
      }
    });

  class URLSearchParams {
    /** @type {[string, string][]} */ #list = [];
    /** @type {((query: string) => void) | undefined} */ #onChange;

    /** @param {unknown} [init] a query string, pairs, or a record */
    constructor(init) {
      if (init === undefined || init === null) return;
      if (typeof init === 'object' && typeof (/** @type {Iterable<unknown>} */ (init))[Symbol.iterator] === 'function') {
        for (const pair of /** @type {Iterable<unknown>} */ (init)) {
          const p = [.../** @type {Iterable<unknown>} */ (pair)];
          if (p.length !== 2) throw new TypeError('URLSearchParams: each pair must have exactly two items.');
          this.#list.push([String(p[0]), String(p[1])]);
        }
      } else if (typeof init === 'object') {
        for (const k of Object.keys(init)) this.#list.push([k, String(/** @type {Record<string, unknown>} */ (init)[k])]);
      } else {
        this.#parse(String(init));
      }
    }
    /** @param {string} query */
    #parse(query) {
      this.#list = [];
      for (const part of (query.startsWith('?') ? query.slice(1) : query).split('&')) {
        if (!part) continue;
        const at = part.indexOf('=');
        this.#list.push(at < 0 ? [formDecode(part), ''] : [formDecode(part.slice(0, at)), formDecode(part.slice(at + 1))]);
      }
    }
    #changed() {
      this.#onChange?.(this.toString());
    }
    /** Links params to a URL (internal). @param {URLSearchParams} p @param {(q: string) => void} onChange @param {string} query */
    static _link(p, onChange, query) {
      p.#onChange = onChange;
      p.#parse(query);
    }
    /** @param {URLSearchParams} p @param {string} query */
    static _reset(p, query) {
      p.#parse(query);
    }
    get size() {
      return this.#list.length;
    }
    /** @param {unknown} name @param {unknown} value */
    append(name, value) {
      this.#list.push([String(name), String(value)]);
      this.#changed();
    }
    /** @param {unknown} name @param {unknown} [value] */
    delete(name, value) {
      const n = String(name);
      this.#list = this.#list.filter(([k, v]) => k !== n || (value !== undefined && v !== String(value)));
      this.#changed();
    }
    /** @param {unknown} name */
    get(name) {
      const n = String(name);
      return this.#list.find(([k]) => k === n)?.[1] ?? null;
    }
    /** @param {unknown} name */
    getAll(name) {
      const n = String(name);
      return this.#list.filter(([k]) => k === n).map(([, v]) => v);
    }
    /** @param {unknown} name @param {unknown} [value] */
    has(name, value) {
      const n = String(name);
      return this.#list.some(([k, v]) => k === n && (value === undefined || v === String(value)));
    }
    /** @param {unknown} name @param {unknown} value */
    set(name, value) {
      const n = String(name);
      const at = this.#list.findIndex(([k]) => k === n);
      if (at < 0) this.#list.push([n, String(value)]);
      else this.#list = this.#list.filter(([k], i) => k !== n || i === at).map((e, i) => (i === at ? [n, String(value)] : e));
      this.#changed();
    }
    sort() {
      this.#list = this.#list
        .map((e, i) => /** @type {const} */ ([e, i]))
        .sort((a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1]))
        .map(([e]) => e);
      this.#changed();
    }
    /** @param {(value: string, name: string, params: URLSearchParams) => void} fn @param {unknown} [self] */
    forEach(fn, self) {
      for (const [k, v] of this.#list) fn.call(self, v, k, this);
    }
    keys() {
      return this.#list.map(([k]) => k)[Symbol.iterator]();
    }
    values() {
      return this.#list.map(([, v]) => v)[Symbol.iterator]();
    }
    entries() {
      return this.#list.map(([k, v]) => /** @type {[string, string]} */ ([k, v]))[Symbol.iterator]();
    }
    [Symbol.iterator]() {
      return this.entries();
    }
    toString() {
      return this.#list.map(([k, v]) => `${formEncode(k)}=${formEncode(v)}`).join('&');
    }
  }

  /** @param {string} op @param {string} href @param {string | undefined} base @param {string} field @param {string} value */
  const hostUrl = (op, href, base, field, value) => {
    const [ok, text] = host.url(op, href, base, field, value);
    if (!ok) throw new TypeError(text);
    return /** @type {UrlParts} */ (parse(text));
  };
  /** @param {unknown} v */
  const optional = (v) => (v === undefined ? undefined : String(v));

  class URL {
    /** @type {UrlParts} */ #parts;
    /** @type {URLSearchParams | undefined} */ #params;

    /** @param {unknown} url @param {unknown} [base] */
    constructor(url, base) {
      this.#parts = hostUrl('parse', String(url), optional(base), '', '');
    }
    /** @param {unknown} url @param {unknown} [base] */
    static canParse(url, base) {
      return host.url('parse', String(url), optional(base), '', '')[0];
    }
    /** @param {string} field @param {unknown} value */
    #set(field, value) {
      this.#parts = hostUrl('set', this.#parts.href, undefined, field, String(value));
      if (this.#params) URLSearchParams._reset(this.#params, this.#parts.search);
    }
    get searchParams() {
      if (!this.#params) {
        const p = new URLSearchParams();
        URLSearchParams._link(p, (q) => (this.#parts = hostUrl('set', this.#parts.href, undefined, 'search', q)), this.#parts.search);
        this.#params = p;
      }
      return this.#params;
    }
    get href() { return this.#parts.href; }
    set href(v) { this.#set('href', v); }
    get origin() { return this.#parts.origin; }
    get protocol() { return this.#parts.protocol; }
    set protocol(v) { this.#set('protocol', v); }
    get username() { return this.#parts.username; }
    set username(v) { this.#set('username', v); }
    get password() { return this.#parts.password; }
    set password(v) { this.#set('password', v); }
    get host() { return this.#parts.host; }
    set host(v) { this.#set('host', v); }
    get hostname() { return this.#parts.hostname; }
    set hostname(v) { this.#set('hostname', v); }
    get port() { return this.#parts.port; }
    set port(v) { this.#set('port', v); }
    get pathname() { return this.#parts.pathname; }
    set pathname(v) { this.#set('pathname', v); }
    get search() { return this.#parts.search; }
    set search(v) { this.#set('search', v); }
    get hash() { return this.#parts.hash; }
    set hash(v) { this.#set('hash', v); }
    toString() { return this.#parts.href; }
    toJSON() { return this.#parts.href; }
  }

  return { URL, URLSearchParams };
}
