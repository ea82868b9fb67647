import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveLimits } from '../../../server/sandbox/sandbox-limits.js';
import { createSandboxPool } from '../../../server/sandbox/sandbox-pool.js';
import type { SandboxPool, SandboxResult } from '../../../server/sandbox/sandbox-types.js';
import { run, scopeOf, stillAnswers } from './support.js';

let pool: SandboxPool;
beforeAll(() => {
  pool = createSandboxPool({ size: 2 });
});
afterAll(() => pool.close());

const errorOf = (r: SandboxResult<unknown>) => (r.ok ? undefined : r.error);
const fast = { timeoutMs: 300 };

describe('time limits', () => {
  it('stops an infinite loop at the default limit of one second', async () => {
    const r = await run(pool, 'while (true) {}');
    expect(errorOf(r)).toMatchObject({ code: 'timeout', message: 'The code ran longer than its 1000 ms time limit and was stopped.' });
    expect(await stillAnswers(pool)).toBe(true);
  });

  it('stops an endless chain of awaits', async () => {
    expect(errorOf(await run(pool, 'for (;;) await null;', fast))).toMatchObject({ code: 'timeout' });
    expect(await stillAnswers(pool)).toBe(true);
  });

  it('ends a promise that can never settle at once instead of waiting', async () => {
    const r = await run(pool, 'await new Promise(() => {}); return 1', { timeoutMs: 20_000 });
    expect(errorOf(r)).toMatchObject({ code: 'timeout' });
    expect(errorOf(r)?.message).toContain('never settle');
  });

  it('stops a catastrophic regular expression', async () => {
    const r = await run(pool, 'return /^(a+)+$/.test("a".repeat(40) + "b")', fast);
    expect(errorOf(r)).toMatchObject({ code: 'timeout' });
    expect(await stillAnswers(pool)).toBe(true);
  });

  it('stops a getter that loops while the result is copied out', async () => {
    const r = await run(pool, 'return { get x() { for (;;) {} } }', fast);
    expect(errorOf(r)).toMatchObject({ code: 'timeout' });
    expect(await stillAnswers(pool)).toBe(true);
  });

  it('turns unbounded recursion into an error', async () => {
    const r = await run(pool, 'const f = (n) => f(n + 1) + 1;\nreturn f(0);');
    expect(errorOf(r)).toMatchObject({ code: 'code_error', message: 'RangeError at line 1: Maximum call stack size exceeded' });
    expect(await stillAnswers(pool)).toBe(true);
  });
});

describe('memory limits', () => {
  it('stops a heap that grows without end', async () => {
    const r = await run(pool, 'const a = []; for (;;) a.push({ n: Math.random(), s: "x" + Math.random() });', { timeoutMs: 20_000, memoryMb: 16 });
    expect(errorOf(r)).toMatchObject({ code: 'memory_limit', message: 'The code used more than its 16 MB memory limit and was stopped.' });
    expect(await stillAnswers(pool)).toBe(true);
  });

  it('refuses array buffers past the limit', async () => {
    const r = await run(pool, 'const keep = []; for (;;) keep.push(new ArrayBuffer(8 * 1024 * 1024));', { timeoutMs: 20_000 });
    expect(errorOf(r)).toMatchObject({ code: 'memory_limit' });
    expect(await stillAnswers(pool)).toBe(true);
  });

  it("contains the acceptance check's memory bomb", async () => {
    const r = await run(pool, 'const a = []; const big = new ArrayBuffer(100*1024*1024); for (;;) { a.push(new Array(1e6).fill(Math.random())); }', { timeoutMs: 20_000 });
    expect(['memory_limit', 'sandbox_crashed']).toContain(errorOf(r)?.code);
    expect(await stillAnswers(pool)).toBe(true);
  });

  it('survives an allocation that makes V8 abort its whole process', async () => {
    const before = pool.stats().restarts;
    const r = await run(pool, 'const a = new Array(2 ** 28).fill(0); return a.length', { timeoutMs: 20_000 });
    expect(errorOf(r)).toMatchObject({ code: 'sandbox_crashed', reason: 'out_of_memory' });
    expect(errorOf(r)?.message).toContain('ran out of memory (limit 64 MB)');
    expect(await stillAnswers(pool)).toBe(true);
    expect(pool.stats().restarts).toBe(before + 1);
  });

  it('never grants more than 128 MB, whatever the step asks for', async () => {
    expect(resolveLimits({ memoryMb: 4096, timeoutMs: 999_999 })).toEqual({ memoryMb: 128, timeoutMs: 30_000 });
    expect(resolveLimits({ memoryMb: 1, timeoutMs: 0 })).toEqual({ memoryMb: 8, timeoutMs: 10 });
    expect(resolveLimits({})).toEqual({ memoryMb: 64, timeoutMs: 1_000 });
    // 160 MB of doubles fits in what was asked, not in what is granted.
    const r = await run(pool, 'const a = []; for (let i = 0; i < 200; i++) a.push(new Array(1e5).fill(i + 0.5)); return a.length', { memoryMb: 4096, timeoutMs: 20_000 });
    expect(['memory_limit', 'sandbox_crashed']).toContain(errorOf(r)?.code);
    expect(await stillAnswers(pool)).toBe(true);
  });
});

describe('what crosses the boundary', () => {
  it.each([
    ['a function', 'return { ok: 1, cb: () => 1 }', 'result.cb'],
    ['a cycle (an object that contains itself)', 'const a = { list: [] }; a.list.push(a); return a', 'result.list[0]'],
    ['a Promise', 'return { later: Promise.resolve(1) }', 'result.later'],
    ['a Map', 'return new Map([[1, 2]])', 'result'],
    ['a BigInt', 'return { n: 10n }', 'result.n'],
    ['binary data', 'return { bytes: new Uint8Array(4) }', 'result.bytes'],
  ])('refuses %s in the result and says where', async (what, code, path) => {
    const r = await run(pool, code);
    expect(errorOf(r)).toMatchObject({ code: 'output_invalid', path });
    expect(errorOf(r)?.message).toContain(`contains ${what} at ${path}`);
  });

  it('refuses a result that is too big', async () => {
    const r = await run(pool, 'return { s: "x".repeat(5 * 1024 * 1024) }');
    expect(errorOf(r)).toMatchObject({ code: 'output_invalid', message: 'The result is too big: more than 4 MB of JSON. Return only the data later steps need.' });
    expect(await stillAnswers(pool)).toBe(true);
  });

  it('refuses a result that nests too deep', async () => {
    const r = await run(pool, 'let o = {}; const top = o; for (let i = 0; i < 10000; i++) { o.n = {}; o = o.n; } return top');
    expect(errorOf(r)).toMatchObject({ code: 'output_invalid' });
    expect(errorOf(r)?.message).toContain('nested more than 100 levels deep');
  });

  it('refuses input that is too big or too deep before any code runs', async () => {
    const big = await pool.runCode({ code: 'return input && 1', scope: scopeOf({ input: { s: 'x'.repeat(9 * 1024 * 1024) } }) });
    expect(errorOf(big)).toMatchObject({ code: 'input_too_large' });
    expect(errorOf(big)?.message).toContain('the sandbox copies at most 8 MB');
    let deep: Record<string, unknown> = {};
    const top = deep;
    for (let i = 0; i < 10_000; i++) deep = (deep.n = {}) as Record<string, unknown>;
    const r = await pool.runCode({ code: 'return input && 1', scope: scopeOf({ input: top }) });
    expect(errorOf(r)).toMatchObject({ code: 'input_too_large' });
    expect(await stillAnswers(pool)).toBe(true);
  });

  it('caps the log', async () => {
    const r = await run(pool, 'for (let i = 0; i < 10000; i++) console.log("line", i, "x".repeat(100)); return 1');
    expect(r.ok).toBe(true);
    expect(r.logs.length).toBeLessThanOrEqual(201);
    expect(r.logs.at(-1)).toMatch(/^… log truncated/);
  });
});
