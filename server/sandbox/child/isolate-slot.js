// One warm isolate for one memory limit: compiled prelude, an LRU of compiled step scripts,
// and one warm context that serves call after call. Making a context and installing the
// prelude costs about a millisecond of CPU, far more than a small step, so a context is kept:
// its realm is frozen (prelude/lockdown.js) and after each call the call's own globals are
// deleted. A context that cannot be made clean again, or whose call was stopped midway, is
// dropped and a fresh one prepared.
import ivm from 'isolated-vm';

const SCRIPT_CACHE = 256;
// Compiled scripts live in the isolate's heap and count against its memory limit: bound them.
const SCRIPT_CACHE_CHARS = 4 * 1024 * 1024;
const SETUP_TIMEOUT_MS = 5_000;

/** @typedef {import('./libraries.js').LibrarySource} LibrarySource */
/** @typedef {ReturnType<typeof createIsolateSlot>} IsolateSlot */
/** @typedef {{ context: ivm.Context, end: ivm.Reference<() => boolean> }} WarmContext */

/**
 * @param {{ memoryMb: number, prelude: string, callbacks: Array<ivm.Callback | ivm.Reference>, libraries: Map<string, LibrarySource[]> }} options
 */
export function createIsolateSlot({ memoryMb, prelude, callbacks, libraries }) {
  const isolate = new ivm.Isolate({ memoryLimit: memoryMb });
  const preludeScript = isolate.compileScriptSync(prelude, { filename: 'sandbox-prelude.js' });
  /** @type {Map<string, ivm.Script>} */
  const scripts = new Map();
  /** @type {Map<string, ivm.Script[]>} */
  const libraryScripts = new Map();
  /** The warm context and the function that ends a call in it, once prepared. @type {Promise<WarmContext> | undefined} */
  let warm;
  /** @type {WarmContext | undefined} */
  let current;
  let ready = false;
  let calls = 0;
  let cachedChars = 0;

  /** A new context with the prelude installed, the host callbacks handed in and the realm frozen. @returns {Promise<WarmContext>} */
  async function prepare() {
    const context = await isolate.createContext();
    const setup = await preludeScript.run(context, { reference: true, timeout: SETUP_TIMEOUT_MS });
    try {
      const end = /** @type {ivm.Reference<() => boolean>} */ (await setup.apply(undefined, callbacks, { timeout: SETUP_TIMEOUT_MS, result: { reference: true } }));
      return { context, end };
    } finally {
      setup.release();
    }
  }

  /** @returns {Promise<WarmContext>} */
  function warmUp() {
    if (!warm) {
      const pending = prepare();
      warm = pending;
      pending.then(
        (w) => {
          if (warm === pending) {
            current = w;
            ready = true;
          }
        },
        () => {
          if (warm === pending) warm = undefined;
        },
      );
    }
    return warm;
  }

  return {
    memoryMb,
    get disposed() {
      return isolate.isDisposed;
    },
    get calls() {
      return calls;
    },
    /** The warm context is ready: a call can start without waiting. */
    get ready() {
      return ready;
    },
    /** The warm context, prepared first if need be. @returns {Promise<WarmContext>} */
    take() {
      calls += 1;
      return warmUp();
    },
    warmUp,
    /**
     * Ends a call: deletes its globals. Drops the context when that fails or when `dirty` (the
     * call was stopped midway, so its promise jobs or half-done state may remain).
     * @param {WarmContext} w @param {boolean} dirty
     */
    endCall(w, dirty) {
      let clean = false;
      if (!dirty && !isolate.isDisposed) {
        try {
          clean = w.end.applySync(undefined, [], { timeout: SETUP_TIMEOUT_MS }) === true;
        } catch {
          clean = false;
        }
      }
      if (clean) return;
      if (warm && current === w) {
        warm = undefined;
        current = undefined;
        ready = false;
      }
      w.end.release();
      if (!isolate.isDisposed) w.context.release();
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
