// The host side of the callbacks every context gets. They take and return primitives only
// (isolated-vm copies them), validate what they are given, and never throw a host error into
// the isolate: failures come back as [false, message].
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import ivm from 'isolated-vm';

const ALGORITHMS = new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3-256', 'sha3-512']);
/** @type {ReadonlySet<string>} */
const ENCODINGS = new Set(['hex', 'base64', 'base64url']);
const URL_FIELDS = new Set(['href', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash']);
const LINE_MAX = 4096;
/** Data store calls one code call may make, and the largest arguments of one (a 64 KB value and its key). */
const STORE_CALLS_MAX = 1_000;
const STORE_ARGS_MAX = 80 * 1024;

/**
 * What the host knows about the call a context is running.
 * @typedef {(op: string, args: string) => Promise<string>} StoreBridge op and JSON arguments to the supervisor; a JSON reply back
 * @typedef {{ scope: string, result?: string, logs: string[], logChars: number, truncated: boolean, runLibrary: (name: string) => boolean, store: StoreBridge | undefined, storeCalls: number }} CallState
 * @typedef {{ maxLogLines: number, maxLogBytes: number }} LogCaps
 */

/** @param {unknown[]} args */
const allStrings = (args) => args.every((a) => typeof a === 'string');

/**
 * Hashes, HMACs, UUIDs and constant-time comparison for the sandbox's `crypto`.
 * @param {unknown[]} args op, algorithm, key, data, encoding
 * @returns {[boolean, string]}
 */
function cryptoOp(...args) {
  if (args.length !== 5 || !allStrings(args)) return [false, 'arguments must be strings'];
  const [op, alg, key, data, enc] = /** @type {[string, string, string, string, string]} */ (args);
  try {
    switch (op) {
      case 'hash':
      case 'hmac': {
        if (!ALGORITHMS.has(alg)) return [false, `unknown algorithm "${alg.slice(0, 40)}"; use one of ${[...ALGORITHMS].join(', ')}`];
        if (!ENCODINGS.has(enc)) return [false, `unknown encoding "${enc.slice(0, 40)}"; use hex, base64 or base64url`];
        const h = op === 'hash' ? createHash(alg) : createHmac(alg, key);
        return [true, h.update(data, 'utf8').digest(/** @type {import('node:crypto').BinaryToTextEncoding} */ (enc))];
      }
      case 'uuid':
        return [true, randomUUID()];
      case 'equal': {
        const a = Buffer.from(key);
        const b = Buffer.from(data);
        return [true, String(a.length === b.length && timingSafeEqual(a, b))];
      }
      default:
        return [false, 'unknown operation'];
    }
  } catch {
    return [false, 'the operation failed'];
  }
}

/**
 * @param {unknown} op @param {unknown} href @param {unknown} base @param {unknown} field @param {unknown} value
 * @returns {[boolean, string]}
 */
function urlOp(op, href, base, field, value) {
  if (typeof href !== 'string' || (base !== undefined && typeof base !== 'string')) return [false, 'Invalid URL'];
  try {
    const u = new URL(href, base);
    if (op === 'set') {
      if (typeof field !== 'string' || !URL_FIELDS.has(field) || typeof value !== 'string') return [false, 'Cannot set that URL field'];
      /** @type {Record<string, string>} */ (/** @type {unknown} */ (u))[field] = value;
    }
    const { origin, protocol, username, password, host, hostname, port, pathname, search, hash } = u;
    return [true, JSON.stringify({ href: u.href, origin, protocol, username, password, host, hostname, port, pathname, search, hash })];
  } catch {
    return [false, `Invalid URL: ${href.slice(0, 200)}`];
  }
}

/**
 * The callbacks handed to every context, and the per-call state they read and fill.
 * @param {LogCaps} caps
 */
export function createHostBindings(caps) {
  /** @type {CallState | undefined} */
  let call;

  /** @param {unknown} line */
  const log = (line) => {
    if (!call || typeof line !== 'string') return false;
    if (call.logs.length >= caps.maxLogLines || call.logChars >= caps.maxLogBytes) {
      call.truncated = true;
      return false;
    }
    const s = line.length > LINE_MAX ? `${line.slice(0, LINE_MAX)}…` : line;
    call.logs.push(s);
    call.logChars += s.length;
    return true;
  };

  /** @param {string} message */
  const storeFailure = (message) => JSON.stringify({ ok: false, message });

  /** The data store, for code steps whose supervisor bridges it (never for expressions). @param {unknown} op @param {unknown} args */
  const storeOp = async (op, args) => {
    if (!call?.store) return storeFailure('the data store is available in code steps only.');
    if (typeof op !== 'string' || typeof args !== 'string') return storeFailure('bad arguments.');
    if (args.length > STORE_ARGS_MAX) return storeFailure(`the arguments are larger than ${STORE_ARGS_MAX / 1024} KB as JSON (values are up to 64 KB).`);
    call.storeCalls += 1;
    if (call.storeCalls > STORE_CALLS_MAX) return storeFailure(`a code step may make at most ${STORE_CALLS_MAX} data store calls.`);
    return call.store(op, args);
  };

  const callbacks = [
    new ivm.Callback(() => call?.scope ?? 'null'),
    new ivm.Callback((/** @type {unknown} */ json) => {
      if (call && call.result === undefined && typeof json === 'string') call.result = json;
    }),
    new ivm.Callback(log),
    new ivm.Callback(cryptoOp),
    new ivm.Callback(urlOp),
    new ivm.Callback((/** @type {unknown} */ name) => (call && typeof name === 'string' ? call.runLibrary(name) : false)),
    new ivm.Reference(storeOp),
  ];

  return {
    callbacks,
    /** @param {string} scope @param {(name: string) => boolean} runLibrary @param {StoreBridge} [store] @returns {CallState} */
    begin(scope, runLibrary, store) {
      call = { scope, logs: [], logChars: 0, truncated: false, runLibrary, store, storeCalls: 0 };
      return call;
    },
    /** @returns {string[]} the call's log lines */
    end() {
      const state = call;
      call = undefined;
      if (!state) return [];
      if (state.truncated) state.logs.push(`… log truncated (at most ${caps.maxLogLines} lines and ${Math.round(caps.maxLogBytes / 1024)} KB per call)`);
      return state.logs;
    },
  };
}
