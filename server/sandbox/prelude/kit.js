// Code in server/sandbox/prelude/ runs INSIDE the isolate, never in Node. Each installer is
// turned into source text with Function.prototype.toString and evaluated in every fresh
// context, so an installer must not use anything from its module scope: only its arguments
// and the standard globals of a bare V8 context.

/**
 * The host functions a context gets (isolated-vm Callbacks: arguments and results are copied,
 * only primitives and arrays of them cross).
 * @typedef {object} Host
 * @property {() => string} input The scope of the current call, as JSON text.
 * @property {(json: string) => void} done Hands the call's result (JSON text) to the host.
 * @property {(line: string) => boolean} log Captures one console line; false once the cap is reached.
 * @property {(op: string, algorithm: string, key: string, data: string, encoding: string) => [boolean, string]} crypto
 * @property {(op: string, href: string, base: string | undefined, field: string, value: string) => [boolean, string]} url
 * @property {(name: string) => boolean} load Runs a bundled library (dayjs) in the current context.
 * @property {{ applySyncPromise: (self: undefined, args: [string, string]) => string }} store The data store (an isolated-vm Reference): op and JSON arguments in, a JSON reply out.
 */

/**
 * Limits the host passes to the prelude.
 * @typedef {{ maxOutputBytes: number, maxDepth: number }} Caps
 */

/**
 * Intrinsics captured before user code runs, so that user code replacing `JSON.stringify` or
 * `Object.keys` only spoils its own result, never the driver's bookkeeping.
 * @typedef {object} Kit
 * @property {(value: unknown) => string} stringify
 * @property {(text: string) => unknown} parse
 * @property {(o: object) => string[]} keys
 * @property {(v: unknown) => v is unknown[]} isArray
 * @property {(fn: Function, self: unknown, args: unknown[]) => unknown} apply
 * @property {(o: object, key: PropertyKey) => boolean} hasOwn
 * @property {(v: unknown) => string} tag Object.prototype.toString of a value, e.g. "[object Map]".
 * @property {(v: unknown) => boolean} isView
 * @property {(name: string, value: unknown) => void} define Adds a non-enumerable global.
 * @property {(name: string, get: () => unknown) => void} lazy Adds a global computed on first use.
 * @property {(s: string) => string} wellFormed Replaces lone surrogates by U+FFFD.
 */

/**
 * Captures intrinsics and small shared tools.
 * @param {typeof globalThis} g
 * @returns {Kit}
 */
export function installKit(g) {
  const O = Object;
  const apply = Reflect.apply;
  const defineProperty = O.defineProperty;
  const hasOwnProperty = O.prototype.hasOwnProperty;
  const toString = O.prototype.toString;
  const isView = ArrayBuffer.isView;
  /** @param {string} name @param {unknown} value */
  const define = (name, value) => {
    defineProperty(g, name, { value, writable: true, configurable: true, enumerable: false });
  };
  return {
    stringify: JSON.stringify,
    parse: JSON.parse,
    keys: O.keys,
    isArray: Array.isArray,
    apply,
    hasOwn: (o, key) => /** @type {boolean} */ (apply(hasOwnProperty, o, [key])),
    tag: (v) => /** @type {string} */ (apply(toString, v, [])),
    isView: (v) => isView(v),
    define,
    lazy: (name, get) => {
      // A setter too, so that a library assigning `globalThis.name = ...` while loading, or
      // user code assigning the name, simply replaces the accessor.
      defineProperty(g, name, {
        configurable: true,
        enumerable: false,
        get() {
          const value = get();
          define(name, value);
          return value;
        },
        set(value) {
          define(name, value);
        },
      });
    },
    // With the u flag a surrogate pair is one code point, so \p{Cs} only matches lone halves.
    wellFormed: (s) => s.replace(/\p{Cs}/gu, '\uFFFD'),
  };
}
