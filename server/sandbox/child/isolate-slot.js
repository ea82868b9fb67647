// One warm isolate for one memory limit: compiled prelude, an LRU of compiled step scripts,
// and fresh contexts prepared ahead of time. A context serves exactly one call (nothing is
// shared between runs); preparing one costs about half a millisecond, so it happens between
// calls instead of inside them.
import ivm from 'isolated-vm';

const SCRIPT_CACHE = 256;
// Compiled scripts live in the isolate's heap and count against its memory limit: bound them.
const SCRIPT_CACHE_CHARS = 4 * 1024 * 1024;
const SETUP_TIMEOUT_MS = 5_000;

/** @typedef {import('./libraries.js').LibrarySource} LibrarySource */
/** @typedef {ReturnType<typeof createIsolateSlot>} IsolateSlot */

/**
 * @param {{ memoryMb: number, prelude: string, callbacks: ivm.Callback[], libraries: Map<string, LibrarySource[]> }} options
 */
export function createIsolateSlot({ memoryMb, prelude, callbacks, libraries }) {
  const isolate = new ivm.Isolate({ memoryLimit: memoryMb });
  const preludeScript = isolate.compileScriptSync(prelude, { filename: 'sandbox-prelude.js' });
  /** @type {Map<string, ivm.Script>} */
  const scripts = new Map();
  /** @type {Map<string, ivm.Script[]>} */
  const libraryScripts = new Map();
  /** Contexts being prepared or ready, oldest first (the isolate prepares them in order). @type {{ context: Promise<ivm.Context>, settled: boolean }[]} */
  const spares = [];
  let calls = 0;
  let cachedChars = 0;

  /** A new context with the prelude installed and the host callbacks handed in. */
  async function prepare() {
    const context = await isolate.createContext();
    const setup = await preludeScript.run(context, { reference: true, timeout: SETUP_TIMEOUT_MS });
    try {
      await setup.apply(undefined, callbacks, { timeout: SETUP_TIMEOUT_MS });
    } finally {
      setup.release();
    }
    return context;
  }

  return {
    memoryMb,
    get disposed() {
      return isolate.isDisposed;
    },
    get calls() {
      return calls;
    },
    /** A context can be taken without waiting. */
    get hasReadySpare() {
      return spares[0]?.settled === true;
    },
    /** The isolate is busy preparing contexts (a call would wait for it). */
    get preparing() {
      return spares.some((s) => !s.settled);
    },
    /** A fresh context for one call: a prepared one when there is one. @returns {Promise<ivm.Context>} */
    take() {
      calls += 1;
      return spares.shift()?.context ?? prepare();
    },
    /** Prepares contexts ahead, up to `target`; resolves when they are ready. @param {number} target */
    refill(target) {
      while (!isolate.isDisposed && spares.length < target) {
        const entry = { context: prepare(), settled: false };
        // A spare that fails (isolate disposed) is seen by whoever takes it.
        entry.context.then(
          () => (entry.settled = true),
          () => (entry.settled = true),
        );
        spares.push(entry);
      }
      return Promise.allSettled(spares.map((s) => s.context));
    },
    /**
     * A compiled script, cached by key (compiling is most of a small step's cost).
     * @param {string} key @param {string} source @param {number} lineOffset
     */
    script(key, source, lineOffset) {
      const hit = scripts.get(key);
      if (hit) {
        scripts.delete(key);
        scripts.set(key, hit);
        return hit;
      }
      const compiled = isolate.compileScriptSync(source, { filename: 'step.js', lineOffset });
      scripts.set(key, compiled);
      cachedChars += key.length;
      for (const [oldKey, old] of scripts) {
        if (scripts.size <= SCRIPT_CACHE && cachedChars <= SCRIPT_CACHE_CHARS) break;
        if (oldKey === key) break;
        old.release();
        scripts.delete(oldKey);
        cachedChars -= oldKey.length;
      }
      return compiled;
    },
    /**
     * Runs a bundled library in a context (called back from inside the isolate, on first use).
     * @param {string} name @param {ivm.Context} context @param {number} timeoutMs
     */
    runLibrary(name, context, timeoutMs) {
      const sources = libraries.get(name);
      if (!sources) return false;
      let compiled = libraryScripts.get(name);
      if (!compiled) {
        compiled = sources.map((s) => isolate.compileScriptSync(s.code, { filename: s.filename }));
        libraryScripts.set(name, compiled);
      }
      for (const s of compiled) s.runSync(context, { timeout: timeoutMs });
      return true;
    },
    dispose() {
      if (!isolate.isDisposed) isolate.dispose();
    },
  };
}
