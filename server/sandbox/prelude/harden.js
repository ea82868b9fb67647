// Runs inside the isolate (see kit.js). Removes what could outlive a call or reach past the
// limits, and declares bundled libraries that load on first use.

/** @typedef {import('./kit.js').Kit} Kit */
/** @typedef {import('./kit.js').Host} Host */

/** @param {typeof globalThis} g @param {Host} host @param {Kit} kit */
export function installHarden(g, host, kit) {
  // FinalizationRegistry and WeakRef callbacks would run later, as tasks outside the call
  // that made them; SharedArrayBuffer/Atomics can block a thread; WebAssembly is surface
  // nobody here needs.
  for (const name of ['FinalizationRegistry', 'WeakRef', 'SharedArrayBuffer', 'Atomics', 'WebAssembly']) {
    delete (/** @type {Record<string, unknown>} */ (g))[name];
  }
  // dayjs costs a few hundred microseconds to set up, so only steps that use it pay: the
  // host runs the bundled source in this context, which assigns globalThis.dayjs.
  kit.lazy('dayjs', () => {
    host.load('dayjs');
    const d = Object.getOwnPropertyDescriptor(g, 'dayjs');
    if (!d || !('value' in d)) throw new Error('dayjs could not be loaded.');
    return d.value;
  });
}
