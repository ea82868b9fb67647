// The worker pool against a real SQLite store: when it claims, and when it sleeps.
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createExecutionStore } from '../../../server/executor/execution-store.js';
import { createWorkerPool, type WorkerPoolOptions } from '../../../server/executor/worker-pool.js';
import type { Store } from '../../../server/store/ports/store.js';
import { createManualClock } from '../../../server/lib/clock.js';
import type { ClaimedJob } from '../../../server/engine/records.js';
import { openSqliteFileStore } from '../../support/sqlite-file-store.js';
import { event, openWithTwoWorkflows } from '../store/contract/contract-fixtures.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function openStore() {
  const opened = await openWithTwoWorkflows(async () => openSqliteFileStore('pool.db'));
  cleanups.push(opened.close);
  return opened.store;
}

/** A store holding one started run of `wf`, and a pool over it (stopped after the test) whose runs `executeRunOver(store)` executes; it never polls by itself. */
async function poolOverOneRun(executeRunOver: (store: Store) => WorkerPoolOptions['executeRun']) {
  const store = await openStore();
  const started = await store.runs.startRun({ workflowId: 'wf', version: 1, concurrency: 10, now: 1_000, event: { kind: 'new', event: event('wf') } });
  if (started.kind !== 'started') throw new Error('expected a started run');
  const pool = createWorkerPool({
    store: createExecutionStore({ store }),
    executeRun: executeRunOver(store),
    clock: createManualClock(1_000),
    logger: pino({ level: 'silent' }),
    concurrency: 4,
    idlePollMs: 3_600_000,
  });
  cleanups.push(() => pool.stop(0));
  return { store, pool, runId: started.runId };
}

describe('worker pool', () => {
  it('claims a retry that came due while its claim waited for the commit, without waiting for a wake or the idle poll', async () => {
    const store = await openStore();
    const clock = createManualClock(1_000);
    const started = await store.runs.startRun({ workflowId: 'wf', version: 1, concurrency: 10, now: 1_000, event: { kind: 'new', event: event('wf') } });
    if (started.kind !== 'started') throw new Error('expected a started run');
    const [first] = await store.jobs.claimJobs('earlier', 1_000, 30_000, 1);
    // An earlier attempt failed: the run waits for its retry at 1,250.
    expect(await store.jobs.parkRun({ runId: started.runId, owner: 'earlier', claims: first?.claims ?? 0 }, 1_250, [], 1_010)).toBe('parked');

    const execution = createExecutionStore({ store });
    const claims: number[] = [];
    const executed: ClaimedJob[] = [];
    let executedOne: () => void = () => undefined;
    const executedAgain = new Promise<void>((resolve) => (executedOne = resolve));
    const pool = createWorkerPool({
      // The first claim judges "due" at 1,200; while it waits for its commit the clock passes 1,250.
      store: {
        ...execution,
        claim: async (owner, limit, leaseMs, now) => {
          claims.push(now);
          const got = await execution.claim(owner, limit, leaseMs, now);
          if (claims.length === 1) clock.set(1_300);
          return got;
        },
      },
      executeRun: async (job) => {
        executed.push(job);
        executedOne();
        await new Promise<void>(() => undefined);
      },
      clock,
      logger: pino({ level: 'silent' }),
      concurrency: 4,
      // Nothing wakes the pool here, and its idle poll is an hour: only a claim of its own takes the retry.
      idlePollMs: 3_600_000,
    });
    clock.set(1_200);
    pool.start();
    cleanups.push(() => pool.stop(0));
    await executedAgain;
    expect(claims[0]).toBe(1_200);
    expect(executed).toMatchObject([{ runId: started.runId, claims: 2 }]);
    expect(await store.runs.statusOf(started.runId)).toBe('running');
  });

  it('starts aborted a run whose cancel was told before its claim here ran it', async () => {
    const signals: AbortSignal[] = [];
    let ran: () => void = () => undefined;
    const executed = new Promise<void>((resolve) => (ran = resolve));
    const { pool, runId } = await poolOverOneRun(() => async (_job, _owner, signal) => {
      signals.push(signal);
      ran();
    });
    // As when a claim and a cancel commit together and the cancel's notice is handled first.
    pool.abortRun(runId);
    pool.start();
    await executed;
    expect(signals.map((s) => s.aborted)).toEqual([true]);
  });

  it('starts aborted the next execution of a run whose cancel reached an execution that was ending', async () => {
    const signals: AbortSignal[] = [];
    let parkedFirst: () => void = () => undefined;
    const parked = new Promise<void>((resolve) => (parkedFirst = resolve));
    let endFirst: () => void = () => undefined;
    let ranAgain: () => void = () => undefined;
    const again = new Promise<void>((resolve) => (ranAgain = resolve));
    const { pool, runId } = await poolOverOneRun((store) => async (job, owner, signal) => {
      signals.push(signal);
      if (signals.length > 1) return ranAgain();
      // The first execution parks its run, due at once, and is still registered while it ends.
      expect(await store.jobs.parkRun({ runId: job.runId, owner, claims: job.claims }, 1_000, [], 1_000)).toBe('parked');
      parkedFirst();
      await new Promise<void>((resolve) => (endFirst = resolve));
    });
    pool.start();
    await parked;
    // The cancel's notice reaches the execution that is ending; the run's next claim here must still see it.
    pool.abortRun(runId);
    endFirst();
    pool.wake();
    await again;
    expect(signals.map((s) => s.aborted)).toEqual([true, true]);
  });

  it("aborts a cancelled run's steps alone, and every run still executing when a stop runs out of grace", async () => {
    const store = await openStore();
    const clock = createManualClock(1_000);
    const runIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const started = await store.runs.startRun({ workflowId: 'wf', version: 1, concurrency: 10, now: 1_000, event: { kind: 'new', event: event('wf', { body: Buffer.from(`{"n":${i}}`) }) } });
      if (started.kind !== 'started') throw new Error('expected a started run');
      runIds.push(started.runId);
    }
    const signals = new Map<string, AbortSignal>();
    let allStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (allStarted = resolve));
    const pool = createWorkerPool({
      store: createExecutionStore({ store }),
      // Each run waits until its signal aborts, as a step in flight would.
      executeRun: (job, _owner, signal) => {
        signals.set(job.runId, signal);
        if (signals.size === 3) allStarted();
        return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      },
      clock,
      logger: pino({ level: 'silent' }),
      concurrency: 4,
      idlePollMs: 3_600_000,
    });
    pool.start();
    await started;
    const [first, second, third] = runIds.map((id) => signals.get(id));
    pool.abortRun(runIds[0] as string);
    expect([first?.aborted, second?.aborted, third?.aborted]).toEqual([true, false, false]);
    await pool.stop(10);
    expect([second?.aborted, third?.aborted]).toEqual([true, true]);
    // Handed back: these stand-in runs record nothing, so all three jobs are queued for the next worker.
    expect((await store.jobs.depth()).find((d) => d.status === 'queued')?.n).toBe(3);
  });
});
