// Runs inside the isolate (see kit.js). Turns what user code returns into JSON text, refusing
// what JSON would silently mangle and bounding size and depth, and describes thrown errors.

/** @typedef {import('./kit.js').Kit} Kit */
/** @typedef {import('./kit.js').Caps} Caps */

/**
 * @typedef {{ code: string, message: string, path?: string, line?: number, column?: number }} SandboxErrorShape
 * @typedef {{ encode: (value: unknown, label: string, budget: number) => string, describe: (e: unknown, lines: boolean) => SandboxErrorShape, isStop: (e: unknown) => boolean, stopError: (e: unknown) => SandboxErrorShape }} Output
 */

/**
 * @param {Kit} kit
 * @param {Caps} caps
 * @returns {Output}
 */
export function createOutput(kit, caps) {
  const { stringify, keys, isArray, apply, tag } = kit;
  const MB = (caps.maxOutputBytes / 1048576).toFixed(1).replace(/\.0$/, '');
  const stop = Symbol('stop');
  /** @typedef {{ [k: symbol]: true, error: SandboxErrorShape }} Stop */

  /** @param {string} label @param {(string | number)[]} path @param {number} depth */
  const where = (label, path, depth) => {
    let s = label;
    for (let i = 0; i < depth && s.length < 200; i++) {
      const k = path[i];
      s += typeof k === 'number' ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(String(k)) ? `.${k}` : `[${stringify(k)}]`;
    }
    return s.length >= 200 ? `${s.slice(0, 200)}…` : s;
  };

  /**
   * @param {unknown} value @param {string} label @param {number} budget
   * @returns {string} JSON text (a top-level `undefined` is the caller's business)
   */
  function encode(value, label, budget) {
    let out = '';
    /** @type {unknown[]} */ const stack = [];
    /** @type {(string | number)[]} */ const path = [];
    /** @param {string} what @param {string} hint @param {number} depth @returns {never} */
    const fail = (what, hint, depth) => {
      const at = where(label, path, depth);
      throw { [stop]: true, error: { code: 'output_invalid', message: `The ${label} contains ${what} at ${at}. ${hint}`, path: at } };
    };
    /** @param {string} s */
    const emit = (s) => {
      out += s;
      if (out.length > budget) {
        throw { [stop]: true, error: { code: 'output_invalid', message: `The ${label} is too big: more than ${MB} MB of JSON. Return only the data later steps need.` } };
      }
    };
    /** @param {unknown} v @param {number} depth @param {boolean} [converted] true for what a toJSON returned */
    const walk = (v, depth, converted) => {
      switch (typeof v) {
        case 'string':
          return emit(stringify(v));
        case 'number':
          // JSON has no NaN or Infinity; like JSON.stringify, they become null.
          return emit(v === v && v !== Infinity && v !== -Infinity ? `${v}` : 'null');
        case 'boolean':
          return emit(v ? 'true' : 'false');
        case 'undefined':
          return emit('null');
        case 'bigint':
          return fail('a BigInt', 'Convert it with String(value) or Number(value).', depth);
        case 'symbol':
          return fail('a Symbol', 'Return plain data: objects, arrays, strings, numbers, booleans and null.', depth);
        case 'function':
          return fail('a function', 'Return plain data: objects, arrays, strings, numbers, booleans and null.', depth);
      }
      if (v === null) return emit('null');
      if (depth >= caps.maxDepth) return fail(`data nested more than ${caps.maxDepth} levels deep`, 'Flatten it.', depth);
      for (let i = 0; i < depth; i++) {
        if (stack[i] === v) return fail('a cycle (an object that contains itself)', 'Copy out the fields you need.', depth);
      }
      stack[depth] = v;
      const toJSON = /** @type {{ toJSON?: unknown }} */ (v).toJSON;
      // Like JSON.stringify: toJSON (Dates, dayjs objects) once per value.
      if (!converted && typeof toJSON === 'function') return walk(apply(toJSON, v, [depth ? String(path[depth - 1]) : '']), depth, true);
      const t = tag(v);
      if (t === '[object Promise]') return fail('a Promise', 'Did you forget `await`?', depth);
      if (t === '[object Map]') return fail('a Map', 'Convert it with Object.fromEntries(map).', depth);
      if (t === '[object Set]') return fail('a Set', 'Convert it with Array.from(set).', depth);
      if (t === '[object RegExp]') return fail('a regular expression', 'Convert it with String(regex).', depth);
      if (t === '[object ArrayBuffer]' || kit.isView(v)) return fail('binary data', 'Convert it with Array.from(bytes) or base64.', depth);
      if (t === '[object Error]') {
        const e = /** @type {Error} */ (v);
        return walk({ name: String(e.name), message: String(e.message) }, depth);
      }
      if (isArray(v)) {
        emit('[');
        for (let i = 0, n = v.length; i < n; i++) {
          if (i) emit(',');
          path[depth] = i;
          walk(v[i], depth + 1);
        }
        return emit(']');
      }
      const o = /** @type {Record<string, unknown>} */ (v);
      const ks = keys(o);
      let first = true;
      emit('{');
      for (let i = 0; i < ks.length; i++) {
        const k = /** @type {string} */ (ks[i]);
        const x = o[k];
        if (x === undefined) continue; // as JSON.stringify does
        emit(first ? `${stringify(k)}:` : `,${stringify(k)}:`);
        first = false;
        path[depth] = k;
        walk(x, depth + 1);
      }
      emit('}');
    };
    walk(value, 0);
    return out;
  }

  /** @param {unknown} v */
  const text = (v) => {
    try {
      return typeof v === 'string' ? v : v === undefined ? '' : String(v);
    } catch {
      return '';
    }
  };
  /** @param {string} s @param {number} n */
  const cut = (s, n) => (s.length > n ? `${s.slice(0, n)}…` : s);

  /**
   * A thrown value as an error a person can act on; with `lines`, the line of the user's code
   * (scripts are compiled as "step.js" with the wrapper's line subtracted).
   * @param {unknown} e @param {boolean} lines @returns {SandboxErrorShape}
   */
  function describe(e, lines) {
    try {
      if (e === null || (typeof e !== 'object' && typeof e !== 'function')) {
        return { code: 'code_error', message: cut(`The code threw ${typeof e === 'string' ? stringify(e) : text(e)}; throw new Error("...") to give a message.`, 1000) };
      }
      const err = /** @type {{ name?: unknown, message?: unknown, stack?: unknown }} */ (e);
      const name = cut(text(err.name) || 'Error', 60);
      const message = cut(text(err.message), 1000);
      if (name === 'RangeError' && message === 'Array buffer allocation failed') {
        return { code: 'memory_limit', message: 'The code ran out of memory: an ArrayBuffer could not be allocated within the memory limit.' };
      }
      const at = lines ? /step\.js:(\d+):(\d+)/.exec(text(err.stack)) : null;
      if (at) {
        const line = Number(at[1]);
        return { code: 'code_error', message: `${name} at line ${line}: ${message}`, line, column: Number(at[2]) };
      }
      return { code: 'code_error', message: `${name}: ${message}` };
    } catch {
      return { code: 'code_error', message: 'The code threw an error that cannot be described.' };
    }
  }

  return {
    encode,
    describe,
    isStop: (e) => typeof e === 'object' && e !== null && /** @type {Record<symbol, unknown>} */ (e)[stop] === true,
    stopError: (e) => /** @type {Stop} */ (e).error,
  };
}
