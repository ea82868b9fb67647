// Runs one call in the warm context of an isolate and classifies how it ended. User code
// runs synchronously here: its promise chain is drained inside the same timed run, so async
// code is bounded by the same time limit, and a promise still pending afterwards can never
// settle (there are no timers or IO in the sandbox).

/** @typedef {import('./isolate-slot.js').IsolateSlot} IsolateSlot */
/** @typedef {ReturnType<typeof import('./host-bindings.js').createHostBindings>} HostBindings */
/**
 * @typedef {{ t: 'run', id: number, kind: 'code', code: string, scope: string, memoryMb: number, timeoutMs: number, store?: boolean }
 *   | { t: 'run', id: number, kind: 'expressions', expressions: string[], scope: string, memoryMb: number, timeoutMs: number }} RunMessage
 * @typedef {{ code: string, message: string, line?: number, column?: number }} Failure
 * @typedef {{ result: string | null, failure: Failure | null, logs: string[], recycle: boolean }} CallOutcome
 */

/** What code and expressions read, in the order the driver passes them. */
const PARAMS = 'trigger, input, steps, vars, run';

/**
 * The script for a call. Code is the body of an async function whose first line is line 1
 * of "step.js" (lineOffset -1), so errors name the user's own lines. The body is an inner
 * function without parameters (handed the same `arguments`): code written before a root existed
 * may declare a name such as `run` or `vars` at its top level, which an inner function may
 * shadow but a parameter list refuses as redeclared; a leading 'use strict' stays a directive.
 * @param {RunMessage} m
 */
export function sourceFor(m) {
  if (m.kind === 'code') {
    return { key: `c\u0000${m.code}`, source: `__sy_run(async function (${PARAMS}) { return (async function () {\n${m.code}\n}).apply(this, arguments); })`, lineOffset: -1 };
  }
  const fns = m.expressions.map((e) => `(${PARAMS}) => (\n${e}\n)`);
  return { key: `e\u0000${m.expressions.join('\u0000')}`, source: `__sy_eval([\n${fns.join(',\n')}\n])`, lineOffset: 0 };
}

/** @param {unknown} e */
const messageOf = (e) => (e instanceof Error ? e.message : String(e));

/** V8 reports "Unexpected token ';' [step.js:2:11]". @param {unknown} e @param {RunMessage} m @returns {Failure} */
function syntaxFailure(e, m) {
  const text = messageOf(e);
  const at = /\s*\[step\.js:(\d+):(\d+)\]$/.exec(text);
  const bare = at ? text.slice(0, at.index) : text;
  if (at && m.kind === 'code') {
    const line = Number(at[1]);
    return { code: 'syntax_error', message: `SyntaxError at line ${line}: ${bare}`, line, column: Number(at[2]) };
  }
  return { code: 'syntax_error', message: `SyntaxError: ${bare}` };
}

/** @param {unknown} e @param {RunMessage} m @param {IsolateSlot} slot @returns {Failure} */
function runFailure(e, m, slot) {
  const text = messageOf(e);
  if (/timed out/i.test(text)) {
    return { code: 'timeout', message: `The code ran longer than its ${m.timeoutMs} ms time limit and was stopped.` };
  }
  if (slot.disposed || /memory limit/i.test(text)) {
    return { code: 'memory_limit', message: `The code used more than its ${m.memoryMb} MB memory limit and was stopped.` };
  }
  return { code: 'code_error', message: text.slice(0, 1000) };
}

/**
 * @param {IsolateSlot} slot @param {RunMessage} m @param {HostBindings} bindings
 * @param {import('./host-bindings.js').StoreBridge} [store] the data store through the supervisor, for a code call that may use it
 * @returns {Promise<CallOutcome>}
 */
export async function runCall(slot, m, bindings, store) {
  const warm = await slot.take();
  const context = warm.context;
  // A call that may reach the data store runs asynchronously: its store calls block the isolate
  // (not this thread) while this process relays them, and the same time limit covers the waits.
  const bridged = m.kind === 'code' && m.store === true && store !== undefined;
  const state = bindings.begin(m.scope, (name) => slot.runLibrary(name, context, m.timeoutMs), bridged ? store : undefined);
  /** @type {Failure | null} */
  let failure = null;
  let recycle = false;
  let logs;
  try {
    const { key, source, lineOffset } = sourceFor(m);
    let script;
    try {
      script = slot.script(key, source, lineOffset);
    } catch (e) {
      failure = syntaxFailure(e, m);
    }
    if (script) {
      try {
        if (bridged) await script.run(context, { timeout: m.timeoutMs });
        else script.runSync(context, { timeout: m.timeoutMs });
      } catch (e) {
        failure = runFailure(e, m, slot);
        // A terminated run may leave jobs queued in the isolate; start the next call clean.
        recycle = true;
      }
      if (!failure && state.result === undefined) {
        failure = {
          code: 'timeout',
          message: 'The code waits on a promise that can never settle (the sandbox has no timers or network), so it was stopped.',
        };
      }
    }
  } finally {
    logs = bindings.end();
    slot.endCall(warm, recycle);
  }
  return { result: failure ? null : (state.result ?? null), failure, logs, recycle: recycle || slot.disposed };
}
