// Runs inside the isolate (see kit.js). `store`: the data store from code steps. Each helper
// is asynchronous for the code, and synchronous for the isolate: it blocks on the host's reply
// (applySyncPromise), so the call's promise chain still ends inside its timed run and its time
// limit covers the wait. Arguments and replies cross as JSON text.

/** @typedef {import('./kit.js').Kit} Kit */
/** @typedef {import('./kit.js').Host} Host */

/** The `store` global. @param {Host} host @param {Kit} kit */
export function makeStore(host, kit) {
  const { stringify, parse } = kit;

  /** @param {string} op @param {unknown[]} args @returns {unknown} */
  const call = (op, args) => {
    let json;
    try {
      json = stringify(args);
    } catch {
      throw new TypeError(`store.${op}: the arguments must be JSON data.`);
    }
    if (json === undefined) throw new TypeError(`store.${op}: the arguments must be JSON data.`);
    const reply = /** @type {{ ok: boolean, value?: unknown, message?: string }} */ (parse(host.store.applySyncPromise(undefined, [op, json])));
    if (!reply.ok) throw new Error(`store.${op}: ${reply.message}`);
    return reply.value;
  };

  /** Options are optional; `undefined` does not survive JSON, so it is sent as null. @param {unknown} o */
  const opts = (o) => (o === undefined ? null : o);

  const store = Object.freeze({
    /** @param {string} key @param {unknown} [options] */
    get: async (key, options) => call('get', [key, opts(options)]),
    /** @param {string} key @param {unknown} value @param {unknown} [options] */
    set: async (key, value, options) => {
      if (value === undefined) throw new TypeError('store.set: give a value (null is a value; store.delete removes one).');
      call('set', [key, value, opts(options)]);
    },
    /** @param {string} key @param {unknown} [by] @param {unknown} [options] */
    increment: async (key, by, options) => call('increment', [key, by === undefined ? 1 : by, opts(options)]),
    /** @param {string} key @param {unknown} [options] */
    delete: async (key, options) => call('delete', [key, opts(options)]),
    /** @param {unknown} [prefix] @param {unknown} [options] */
    list: async (prefix, options) => call('list', [prefix === undefined ? '' : prefix, opts(options)]),
  });
  return { store };
}
