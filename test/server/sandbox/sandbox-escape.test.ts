import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxPool } from '../../../server/sandbox/sandbox-pool.js';
import type { SandboxPool } from '../../../server/sandbox/sandbox-types.js';
import { run, scopeOf, stillAnswers, valueOf } from './support.js';

let pool: SandboxPool;
beforeAll(() => {
  pool = createSandboxPool({ size: 2 });
});
afterAll(() => pool.close());

// Standard globals of a V8 context, plus the documented helpers and the driver's entry points.
const ALLOWED_GLOBALS = new Set([
  ...'Object Function Array Number parseFloat parseInt Infinity NaN undefined Boolean String Symbol Date Promise RegExp Error AggregateError EvalError RangeError ReferenceError SyntaxError TypeError URIError globalThis JSON Math Intl ArrayBuffer Uint8Array Int8Array Uint16Array Int16Array Uint32Array Int32Array Float32Array Float64Array Uint8ClampedArray BigUint64Array BigInt64Array DataView Map BigInt Set WeakMap WeakSet Proxy Reflect decodeURI decodeURIComponent encodeURI encodeURIComponent escape unescape eval isFinite isNaN'.split(
    ' ',
  ),
  ...'console btoa atob base64 crypto URL URLSearchParams store text num list obj dayjs __sy_run __sy_eval'.split(' '),
]);

describe('escapes', () => {
  it('gives no way to the host through constructors', async () => {
    const r = await run(
      pool,
      `let c; try { c = this.constructor.constructor('return typeof process')(); } catch (e) { c = 'threw'; }
let viaHelper; try { viaHelper = crypto.hash.constructor('return typeof process')(); } catch (e) { viaHelper = 'threw'; }
let viaError; try { viaError = new Error().constructor.constructor('return this')() === globalThis; } catch (e) { viaError = 'threw'; }
return { p: typeof process, r: typeof require, f: typeof fetch, t: typeof setTimeout, i: typeof setInterval, c, viaHelper, viaError, g: typeof globalThis.ivm, m: typeof module, b: typeof Buffer }`,
    );
    expect(valueOf(r)).toEqual({
      p: 'undefined',
      r: 'undefined',
      f: 'undefined',
      t: 'undefined',
      i: 'undefined',
      c: 'undefined',
      viaHelper: 'undefined',
      viaError: true,
      g: 'undefined',
      m: 'undefined',
      b: 'undefined',
    });
  });

  it('has only standard globals and the documented helpers', async () => {
    const names = valueOf(await run(pool, 'return Object.getOwnPropertyNames(globalThis)')) as string[];
    expect(names.filter((n) => !ALLOWED_GLOBALS.has(n))).toEqual([]);
    const gone = valueOf(await run(pool, 'return [typeof WebAssembly, typeof SharedArrayBuffer, typeof Atomics, typeof FinalizationRegistry, typeof WeakRef]'));
    expect(gone).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined']);
  });

  it('cannot import modules', async () => {
    const r = await run(pool, 'const fs = await import("node:fs"); return typeof fs.readFileSync');
    expect(r.ok).toBe(false);
    expect(await stillAnswers(pool)).toBe(true);
  });

  it('exposes no driver functions through stack frames', async () => {
    // Error is frozen, so the structured stack trace API cannot be switched on at all.
    const r = await run(
      pool,
      `'use strict';
let set; try { Error.prepareStackTrace = (e, frames) => frames.map((f) => f.getFunction()); set = 'set'; } catch (e) { set = e.constructor.name; }
return { set, stack: typeof new Error().stack, hook: typeof Error.prepareStackTrace }`,
    );
    expect(valueOf(r)).toEqual({ set: 'TypeError', stack: 'string', hook: 'undefined' });
  });

  it('runs the entry point once per call', async () => {
    const r = await run(pool, 'return __sy_run(async () => "again")');
    expect(r).toMatchObject({ ok: false, error: { code: 'code_error', message: 'Error at line 1: The sandbox runs one call at a time.' } });
  });

  it('ignores prototype tricks in the copied input', async () => {
    const input = JSON.parse('{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"isAdmin": true}}}');
    const r = await pool.runCode({ code: 'return [input.isAdmin, ({}).isAdmin, Object.getPrototypeOf(input) === Object.prototype, typeof input.constructor]', scope: scopeOf({ input }) });
    expect(valueOf(r)).toEqual([undefined, undefined, true, 'object'].map((v) => (v === undefined ? null : v)));
  });
});

describe('no state is shared between runs', () => {
  it('starts every run in a fresh context', async () => {
    const first = await run(pool, 'Object.prototype.leak = "x"; Array.prototype.push = null; globalThis.secret = trigger.body.customer.email; JSON.stringify = () => "hacked"; return 1');
    expect(valueOf(first)).toBe(1);
    // Enough runs to land on both processes and on reused isolates.
    for (let i = 0; i < 6; i++) {
      const next = await run(pool, 'const a = []; a.push(1); return [typeof ({}).leak, typeof secret, a.length, JSON.stringify({ a: 1 })]');
      expect(valueOf(next)).toEqual(['undefined', 'undefined', 1, '{"a":1}']);
    }
  });

  it('does not let a result be spoiled by replaced intrinsics of its own run', async () => {
    const r = await run(pool, 'JSON.stringify = () => "x"; Object.keys = () => []; return { a: 1, b: [2] }');
    expect(valueOf(r)).toEqual({ a: 1, b: [2] });
  });
});
