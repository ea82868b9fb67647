import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxPool } from '../../../server/sandbox/sandbox-pool.js';
import type { SandboxPool } from '../../../server/sandbox/sandbox-types.js';
import { run, scopeOf, valueOf } from './support.js';

// Warm contexts serve call after call (see server/sandbox/prelude/lockdown.js). These tests
// run a tampering call, then enough plain calls on both processes to land on the same warm
// context, and check that nothing of the first is visible.
let pool: SandboxPool;
beforeAll(() => {
  pool = createSandboxPool({ size: 2 });
});
afterAll(() => pool.close());

/**
 * Runs `code` six times, two at a time: a call goes to the first idle process, so one call
 * alone lands on the process that ran the call before it, and two at once reach both.
 */
async function everywhere(code: string, secret = 'nobody'): Promise<unknown[]> {
  const values: unknown[] = [];
  const once = async () => valueOf(await pool.runCode({ code, scope: scopeOf({ input: { secret } }) }));
  for (let i = 0; i < 3; i++) values.push(...(await Promise.all([once(), once()])));
  return values;
}

const PROBE = `const a = [3, 1, 2];
return [typeof ({}).leak, typeof globalThis.leak, typeof leak, typeof implicit, a.map((x) => x * 2).join(), JSON.stringify({ a: 1 }),
  Object.isExtensible(globalThis), typeof pinned, typeof viaProto, String(RegExp.$1),
  new Error('m').name, String({}), [1, 2].includes(2)]`;
const CLEAN = ['undefined', 'undefined', 'undefined', 'undefined', '6,2,4', '{"a":1}', true, 'undefined', 'undefined', 'undefined', 'Error', '[object Object]', true];

describe('runs in a warm context see nothing of earlier runs', () => {
  it('does not keep prototypes, intrinsics or globals a run changed', async () => {
    // Sloppy mode: assignments to frozen intrinsics fail silently; those to the few built-in
    // properties made assignable on ordinary objects (toString, an error's name) throw.
    const tamper = `Object.prototype.leak = 1; Array.prototype.map = () => "hacked"; Array.prototype.includes = () => false;
JSON.stringify = () => "hacked"; try { Error.prototype.name = "Hacked"; } catch {} try { Object.prototype.toString = () => "hacked"; } catch {}
Object.defineProperty(Array.prototype, "flat", { value: null }); // throws: cannot redefine
`;
    expect((await pool.runCode({ code: tamper + 'return 1', scope: scopeOf() })).ok).toBe(false);
    const tamperMore = `Object.prototype.leak = 1; Array.prototype.map = () => "hacked"; JSON.stringify = () => "hacked";
globalThis.leak = input.secret; implicit = input.secret; /secret-(\\w+)/.exec("secret-" + input.secret);
Object.defineProperty(globalThis, "pinned", { value: input.secret, configurable: false });
return "tampered"`;
    expect(valueOf(await pool.runCode({ code: tamperMore, scope: scopeOf({ input: { secret: 'hunter2' } }) }))).toBe('tampered');
    for (const value of await everywhere(PROBE)) expect(value).toEqual(CLEAN);
    // The same code, run again, starts clean too.
    const counter = 'globalThis.count = (globalThis.count ?? 0) + 1; return count';
    expect(await everywhere(counter)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('replaces a context whose global object a run froze or re-parented', async () => {
    expect(valueOf(await run(pool, 'Object.setPrototypeOf(globalThis, { viaProto: trigger.body.customer.email }); return 1'))).toBe(1);
    expect(valueOf(await run(pool, 'Object.preventExtensions(globalThis); return 2'))).toBe(2);
    for (const value of await everywhere(PROBE)) expect(value).toEqual(CLEAN);
  });

  it('does not let promise jobs of a run reach into the next', async () => {
    const late = `Promise.resolve().then(() => Promise.resolve()).then(() => { globalThis.leak = input.secret; });
(async () => { for (let i = 0; i < 50; i++) await null; implicit = input.secret; })();
return 1`;
    expect(valueOf(await pool.runCode({ code: late, scope: scopeOf({ input: { secret: 's3' } }) }))).toBe(1);
    for (const value of await everywhere(PROBE)) expect(value).toEqual(CLEAN);
  });

  it('gives each run its own dayjs and console state', async () => {
    const locale = 'dayjs.locale("xx", { name: "xx", months: "A_B_C_D_E_F_G_H_I_J_K_L".split("_") }); return dayjs("2024-03-05").format("MMMM")';
    expect(valueOf(await run(pool, locale))).toBe('C');
    expect(await everywhere('return [dayjs.locale(), dayjs("2024-03-05").format("MMMM")]')).toEqual(Array(6).fill(['en', 'March']));
    // A run that fills its log does not silence the next run's console.
    expect((await run(pool, 'for (let i = 0; i < 500; i++) console.log(i); return 1')).logs.at(-1)).toMatch(/log truncated/);
    expect((await run(pool, 'console.log("still here"); return 1')).logs).toEqual(['still here']);
  });

  it('cannot read the data of another run, whichever workflow it belongs to', async () => {
    const stash = `globalThis.stash = input.secret; try { Object.prototype.stash = input.secret } catch {}
try { Symbol.prototype.stash = input.secret } catch {} try { Function.prototype.stash = input.secret } catch {}
try { Math.stash = input.secret } catch {} try { JSON.stash = input.secret } catch {} return 1`;
    await pool.runCode({ code: stash, scope: scopeOf({ input: { secret: 'top-secret-value' } }) });
    // Another workflow's code: look everywhere a value could have been parked.
    const search = `const seen = new Set(); const found = [];
const walk = (o, depth) => { if (o === null || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o) || depth > 4) return; seen.add(o);
  for (const k of Reflect.ownKeys(o)) { const d = Object.getOwnPropertyDescriptor(o, k); if (d && 'value' in d) { if (d.value === 'top-secret-value') found.push(String(k)); walk(d.value, depth + 1); } } walk(Object.getPrototypeOf(o), depth + 1); };
walk(globalThis, 0); return [found, input.secret]`;
    for (const value of await everywhere(search, 'mine')) expect(value).toEqual([[], 'mine']);
  });
});

describe('ordinary code under frozen intrinsics', () => {
  it('still assigns names, messages and methods on its own objects', async () => {
    const code = `class ValidationError extends Error { constructor(m) { super(m); this.name = 'ValidationError'; } }
const e = new ValidationError('bad'); const o = { a: 1 }; o.toString = () => 'custom'; o.hasOwnProperty = 5;
function Legacy() {} Legacy.prototype.toString = function () { return 'legacy'; };
counter = 41; counter++;
return [e.name, e.message, e instanceof Error, String(o), o.hasOwnProperty, String(new Legacy()), counter]`;
    expect(valueOf(await run(pool, code))).toEqual(['ValidationError', 'bad', true, 'custom', 5, 'legacy', 42]);
  });

  it('throws a TypeError in strict mode when code assigns to a shared built-in', async () => {
    const code = `'use strict'; const errors = [];
for (const f of [() => { Array.prototype.map = null; }, () => { Object.prototype.toString = null; }, () => { JSON.parse = null; }, () => { Math.PI = 3; }]) {
  try { f(); errors.push('none'); } catch (e) { errors.push(e.constructor.name); } }
return errors`;
    expect(valueOf(await run(pool, code))).toEqual(['TypeError', 'TypeError', 'TypeError', 'TypeError']);
  });
});
