// Runs inside the isolate (see kit.js). base64 (btoa/atob and UTF-8 aware helpers) and
// `crypto`: hashes, HMAC and UUIDs are computed by the host on copied strings, so user code
// never touches a host object, only a function that takes and returns strings.

/** @typedef {import('./kit.js').Kit} Kit */
/** @typedef {import('./kit.js').Host} Host */

/** The encoding globals: btoa, atob, base64, crypto. @param {Host} host @param {Kit} kit */
export function makeEncoding(host, kit) {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  /** @type {Record<string, number>} */
  const INDEX = {};
  for (let i = 0; i < 64; i++) INDEX[ALPHABET.charAt(i)] = i;
  const encodeURIComponent_ = encodeURIComponent;
  const decodeURIComponent_ = decodeURIComponent;
  const escape_ = escape;
  const unescape_ = unescape;

  /** @param {string} message */
  const invalidCharacter = (message) => {
    const e = new Error(message);
    e.name = 'InvalidCharacterError';
    return e;
  };

  /** Binary string (each char one byte) to base64, as the web's btoa. @param {unknown} input */
  const btoa = (input) => {
    const s = String(input);
    let out = '';
    for (let i = 0; i < s.length; i += 3) {
      const a = s.charCodeAt(i);
      const b = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      const c = i + 2 < s.length ? s.charCodeAt(i + 2) : 0;
      if (a > 255 || b > 255 || c > 255) throw invalidCharacter('btoa: the string has characters outside Latin-1; use base64.encode(text) for Unicode text.');
      const n = (a << 16) | (b << 8) | c;
      out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63);
      out += i + 1 < s.length ? ALPHABET.charAt((n >> 6) & 63) : '=';
      out += i + 2 < s.length ? ALPHABET.charAt(n & 63) : '=';
    }
    return out;
  };

  /** base64 (standard or URL alphabet, padding optional) to a binary string. @param {unknown} input */
  const atob = (input) => {
    let s = String(input).replace(/[\t\n\f\r ]+/g, '').replace(/-/g, '+').replace(/_/g, '/');
    s = s.replace(/={1,2}$/, '');
    if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s)) throw invalidCharacter('atob: the string is not valid base64.');
    let out = '';
    let bits = 0;
    let acc = 0;
    for (let i = 0; i < s.length; i++) {
      acc = (acc << 6) | /** @type {number} */ (INDEX[s.charAt(i)]);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out += String.fromCharCode((acc >> bits) & 255);
      }
    }
    return out;
  };

  /** @param {unknown} text UTF-8 bytes of a string, as a binary string */
  const utf8 = (text) => unescape_(encodeURIComponent_(kit.wellFormed(String(text))));

  const base64 = {
    /** UTF-8 text to base64. @param {unknown} text */
    encode: (text) => btoa(utf8(text)),
    /** UTF-8 text to unpadded base64url. @param {unknown} text */
    encodeUrl: (text) => btoa(utf8(text)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    /** base64 or base64url to UTF-8 text. @param {unknown} b64 */
    decode: (b64) => {
      const bin = atob(b64);
      try {
        return decodeURIComponent_(escape_(bin));
      } catch {
        throw new Error('base64.decode: the data is not UTF-8 text; use atob(b64) to get the raw bytes.');
      }
    },
  };

  /** @param {string} op @param {unknown} algorithm @param {unknown} key @param {unknown} data @param {unknown} encoding */
  const call = (op, algorithm, key, data, encoding) => {
    for (const [name, v] of [['algorithm', algorithm], ['key', key], ['data', data], ['encoding', encoding]]) {
      if (typeof v !== 'string') throw new TypeError(`crypto.${op}: ${name} must be a string; use JSON.stringify(value) for data.`);
    }
    const [ok, value] = host.crypto(op, /** @type {string} */ (algorithm), /** @type {string} */ (key), /** @type {string} */ (data), /** @type {string} */ (encoding));
    if (!ok) throw new Error(`crypto.${op}: ${value}`);
    return value;
  };
  const crypto = {
    /** @param {unknown} algorithm @param {unknown} data @param {unknown} [encoding] */
    hash: (algorithm, data, encoding = 'hex') => call('hash', algorithm, '', data, encoding),
    /** @param {unknown} algorithm @param {unknown} key @param {unknown} data @param {unknown} [encoding] */
    hmac: (algorithm, key, data, encoding = 'hex') => call('hmac', algorithm, key, data, encoding),
    randomUUID: () => call('uuid', '', '', '', ''),
    /** Constant-time comparison of two strings (e.g. signatures). @param {unknown} a @param {unknown} b */
    timingSafeEqual: (a, b) => call('equal', '', String(a), String(b), '') === 'true',
  };
  return { btoa, atob, base64, crypto };
}
