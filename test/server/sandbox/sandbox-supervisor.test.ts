import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxPool } from '../../../server/sandbox/sandbox-pool.js';
import type { SandboxEvent, SandboxPool, SandboxPoolOptions } from '../../../server/sandbox/sandbox-types.js';
import { run, stillAnswers, valueOf } from './support.js';

const pools: SandboxPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

/** A pool that records the pids of the processes it starts. */
function poolWithPids(options: SandboxPoolOptions = {}) {
  const pids: number[] = [];
  const pool = createSandboxPool({
    ...options,
    onEvent: (e: SandboxEvent) => {
      if (e.type === 'started' && e.pid) pids.push(e.pid);
    },
  });
  pools.push(pool);
  return { pool, pids };
}

/** Resolves once `check` holds, polling; the test's own timeout bounds it. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}

// Busy for a fixed wall-clock time, then succeeds: still running while another call crashes.
const BUSY_THEN_FINE = 'const end = Date.now() + 2500; let n = 0; while (Date.now() < end) n++; return n';
// Runs until its process is killed or the pool closed.
const FOREVER = 'while (true) {}';

describe('the supervisor', () => {
  it('fails a run that crashes its process while a concurrent run succeeds', async () => {
    const { pool, pids } = poolWithPids({ size: 2 });
    // Two calls at once start both processes.
    await Promise.all([stillAnswers(pool), stillAnswers(pool)]);
    await until(() => pids.length === 2);
    const fineCall = run(pool, BUSY_THEN_FINE, { timeoutMs: 20_000 });
    await until(() => pool.stats().busy === 1);
    const crashed = await run(pool, 'const a = new Array(2 ** 28).fill(0); return a.length', { timeoutMs: 20_000 });
    const fine = await fineCall;
    expect(crashed).toMatchObject({ ok: false, error: { code: 'sandbox_crashed', reason: 'out_of_memory' } });
    expect(valueOf(fine)).toBeGreaterThan(0);
    expect(pool.stats().restarts).toBe(1);
    await until(() => pool.stats().processes === 2);
    expect(await stillAnswers(pool)).toBe(true);
  });

  it('fails the call of a process killed from outside, and replaces the process', async () => {
    const { pool, pids } = poolWithPids({ size: 1 });
    expect(await stillAnswers(pool)).toBe(true);
    const running = run(pool, FOREVER, { timeoutMs: 20_000 });
    await until(() => pool.stats().busy === 1);
    process.kill(pids[0] as number, 'SIGKILL');
    expect(await running).toMatchObject({ ok: false, error: { code: 'sandbox_crashed', reason: 'exited' } });
    expect(await stillAnswers(pool)).toBe(true);
    expect(pids).toHaveLength(2);
  });

  it('kills and replaces a process that stops answering', async () => {
    const { pool, pids } = poolWithPids({ size: 1, graceMs: 200 });
    expect(await stillAnswers(pool)).toBe(true);
    const pid = pids[0] as number;
    process.kill(pid, 'SIGSTOP'); // frozen: neither the isolate's timeout nor an answer can come
    const running = run(pool, 'return 1', { timeoutMs: 100 });
    expect(await running).toMatchObject({ ok: false, error: { code: 'sandbox_crashed', reason: 'unresponsive' } });
    expect(await stillAnswers(pool)).toBe(true);
  });

  it('starts no process before the first call, and stops them after a quiet period', async () => {
    const { pool, pids } = poolWithPids({ size: 2, idleStopMs: 300 });
    await new Promise((r) => setTimeout(r, 200));
    expect(pool.stats().processes).toBe(0);
    expect(pids).toHaveLength(0);
    expect(await stillAnswers(pool)).toBe(true);
    // One call at a time needs one process.
    expect(pool.stats().processes).toBe(1);
    await until(() => pool.stats().processes === 0);
    expect(pool.stats().restarts).toBe(0);
    // The next call starts a process again.
    expect(await stillAnswers(pool)).toBe(true);
    expect(pids).toHaveLength(2);
  });

  it('queues calls beyond its processes and runs them in turn', async () => {
    const { pool } = poolWithPids({ size: 1 });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => run(pool, `return ${i} * 2`)));
    expect(results.map((r) => valueOf(r))).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
    expect(pool.stats()).toMatchObject({ busy: 0, queued: 0, calls: 8 });
  });

  it('drops a queued call whose run is cancelled', async () => {
    const { pool } = poolWithPids({ size: 1 });
    const first = run(pool, 'const end = Date.now() + 500; while (Date.now() < end); return 1', { timeoutMs: 20_000 });
    const abort = new AbortController();
    const second = pool.runCode({ code: 'return 1', scope: { trigger: { body: null, headers: {}, query: {}, method: 'POST' }, input: null, steps: {} }, signal: abort.signal });
    await until(() => pool.stats().queued === 1);
    abort.abort();
    expect(await second).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect((await first).ok).toBe(true);
  });

  it('sends waiting calls in one message, and a crash in it fails only the call that was running', async () => {
    const { pool, pids } = poolWithPids({ size: 1 });
    expect(await stillAnswers(pool)).toBe(true);
    const running = run(pool, FOREVER, { timeoutMs: 20_000 });
    await until(() => pool.stats().busy === 1);
    // Queued behind the running call, these go down together once it ends.
    const crashing = run(pool, 'const a = new Array(2 ** 28).fill(0); return a.length', { timeoutMs: 20_000 });
    const after = Array.from({ length: 4 }, (_, i) => run(pool, `return ${i} + 1`));
    process.kill(pids[0] as number, 'SIGKILL');
    expect(await running).toMatchObject({ ok: false, error: { code: 'sandbox_crashed', reason: 'exited' } });
    await until(() => pool.stats().busy === 5);
    expect(pool.stats().queued).toBe(4); // one message: the crashing call runs, four wait behind it in the process
    expect(await crashing).toMatchObject({ ok: false, error: { code: 'sandbox_crashed', reason: 'out_of_memory' } });
    // The calls behind it never started: they run on the replacement process, each once.
    expect((await Promise.all(after)).map((r) => valueOf(r))).toEqual([1, 2, 3, 4]);
    expect(pids).toHaveLength(3);
    expect(pool.stats()).toMatchObject({ busy: 0, queued: 0, calls: 7 });
  });

  it('fails waiting calls when closed, and every call after', async () => {
    const { pool } = poolWithPids({ size: 1 });
    const busy = run(pool, FOREVER, { timeoutMs: 20_000 });
    const waiting = run(pool, 'return 1');
    await until(() => pool.stats().queued === 1);
    await pool.close();
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'sandbox_crashed', reason: 'closed' } });
    expect(await busy).toMatchObject({ ok: false, error: { code: 'sandbox_crashed', reason: 'closed' } });
    expect(await run(pool, 'return 1')).toMatchObject({ ok: false, error: { code: 'sandbox_crashed', reason: 'closed' } });
    expect(pool.stats().processes).toBe(0);
  });
});
