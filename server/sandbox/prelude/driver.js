// Runs inside the isolate (see kit.js). The two entry points the host's compiled scripts
// call: `__sy_run(async function (trigger, input, steps, vars, run) { <code> })` for a code step and
// `__sy_eval([(trigger, input, steps, vars, run) => (<expr>), ...])` for a batch of expressions. A warm
// context serves many calls one after another: each entry point works once per call (until
// the host ends the call) and reports through host.done.

/** @typedef {import('./kit.js').Kit} Kit */
/** @typedef {import('./kit.js').Host} Host */
/** @typedef {import('./kit.js').Caps} Caps */
/** @typedef {import('./output.js').Output} Output */
/** @typedef {(trigger: unknown, input: unknown, steps: unknown, vars: unknown, run: unknown) => unknown} UserFunction */

/**
 * @param {typeof globalThis} g @param {Host} host @param {Kit} kit @param {Caps} caps @param {Output} out
 * @param {() => void} beginCall resets per-call state of the helpers
 * @returns {() => void} ends the current call (the host calls it after the call's microtasks ran)
 */
export function installDriver(g, host, kit, caps, out, beginCall) {
  const { stringify, parse, apply } = kit;
  const then = Promise.prototype.then;
  let active = false;

  /** @returns {{ trigger: unknown, input: unknown, steps: unknown, vars?: unknown, run?: unknown } | undefined} */
  const begin = () => {
    if (active) throw new Error('The sandbox runs one call at a time.');
    active = true;
    beginCall();
    try {
      return /** @type {{ trigger: unknown, input: unknown, steps: unknown, vars?: unknown, run?: unknown }} */ (parse(host.input()));
    } catch {
      host.done(stringify({ ok: false, error: { code: 'memory_limit', message: 'The input could not be copied into the sandbox within its memory limit.' } }));
      return undefined;
    }
  };

  /** @param {unknown} value @param {string} label @param {number} budget @returns {string} "ok" JSON, or an error's */
  const settle = (value, label, budget) => {
    try {
      return value === undefined ? '{"ok":true}' : `{"ok":true,"value":${out.encode(value, label, budget)}}`;
    } catch (e) {
      // A getter or toJSON of the user's may throw while we read the result.
      return stringify({ ok: false, error: out.isStop(e) ? out.stopError(e) : out.describe(e, true) });
    }
  };

  /** @param {UserFunction} fn */
  const run = (fn) => {
    const scope = begin();
    if (!scope) return;
    /** @param {string} json */
    const finish = (json) => host.done(json);
    try {
      const promise = fn(scope.trigger, scope.input, scope.steps, scope.vars ?? {}, scope.run ?? {});
      apply(then, promise, [
        (/** @type {unknown} */ v) => finish(settle(v, 'result', caps.maxOutputBytes)),
        (/** @type {unknown} */ e) => finish(stringify({ ok: false, error: out.describe(e, true) })),
      ]);
    } catch (e) {
      finish(stringify({ ok: false, error: out.describe(e, true) }));
    }
  };

  /** @param {UserFunction[]} fns */
  const evaluate = (fns) => {
    const scope = begin();
    if (!scope) return;
    let budget = caps.maxOutputBytes;
    let json = '{"ok":true,"value":[';
    for (let i = 0; i < fns.length; i++) {
      let part;
      try {
        part = settle(/** @type {UserFunction} */ (fns[i])(scope.trigger, scope.input, scope.steps, scope.vars ?? {}, scope.run ?? {}), 'value', budget);
      } catch (e) {
        part = stringify({ ok: false, error: out.describe(e, false) });
      }
      budget -= part.length;
      json += i ? `,${part}` : part;
    }
    host.done(`${json}]}`);
  };

  Object.defineProperty(g, '__sy_run', { value: run });
  Object.defineProperty(g, '__sy_eval', { value: evaluate });
  return () => {
    active = false;
  };
}
