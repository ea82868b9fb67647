// Runs inside the isolate (see kit.js). Removes what could outlive a call or reach past the
// limits, and declares bundled libraries that load on first use.

/** @typedef {import('./kit.js').Kit} Kit */
/** @typedef {import('./kit.js').Host} Host */

/** Once per context, before lockdown. @param {typeof globalThis} g */
export function removeUnsafeGlobals(g) {
  // FinalizationRegistry and WeakRef callbacks would run later, as tasks outside the call
  // that made them (in a warm context: inside the next call); SharedArrayBuffer/Atomics can
  // block a thread; WebAssembly is surface nobody here needs.
  for (const name of ['FinalizationRegistry', 'WeakRef', 'SharedArrayBuffer', 'Atomics', 'WebAssembly']) {
    delete (/** @type {Record<string, unknown>} */ (g))[name];
  }
}

/**
 * At the start of every call. dayjs keeps state in its closure (the global locale, loaded
 * locales and plugins), so each call that uses it gets its own copy: the host runs the bundled
 * source (compiled once per isolate) in the context, which assigns globalThis.dayjs, a global
 * of the call that the reset after it deletes. It costs a few hundred microseconds, paid only
 * by calls that touch dayjs.
 * @param {typeof globalThis} g @param {Host} host @param {Kit} kit
 */
export function declareLibraries(g, host, kit) {
  kit.lazy('dayjs', () => {
    host.load('dayjs');
    const d = Object.getOwnPropertyDescriptor(g, 'dayjs');
    if (!d || !('value' in d)) throw new Error('dayjs could not be loaded.');
    return d.value;
  });
}
