// The storage contract's part on the run queue: claims, leases and fencing (see store-contract.ts).
import { describe, expect, it } from 'vitest';
import { createExecutionStore, LeaseLostError } from '../../../../server/executor/execution-store.js';
import type { StartRun } from '../../../../server/store/ports/runs.js';
import type { Store } from '../../../../server/store/ports/store.js';
import { event } from './contract-fixtures.js';

const LEASE = 30_000;

export interface LeaseContext {
  store: () => Store;
  /** Starts a run of workflow 'wf' (created by the suite) and returns its ids. */
  started: (over?: Partial<StartRun>) => Promise<{ runId: string; eventId: string }>;
}

export function describeLeaseContract({ store: get, started }: LeaseContext): void {
  describe('jobs and leases', () => {
    it("claims due jobs oldest first within each workflow's concurrency, and marks their runs running", async () => {
      const store = get();
      const a = await started({ now: 100, concurrency: 1 });
      const b = await started({ now: 200, concurrency: 1 });
      const claimed = await store.jobs.claimJobs('w1', 1_000, LEASE, 10);
      expect(claimed.map((j) => j.runId)).toEqual([a.runId]);
      expect(claimed[0]).toMatchObject({ workflowId: 'wf', claims: 1 });
      expect(await store.runs.statusOf(a.runId)).toBe('running');
      expect(await store.jobs.claimJobs('w2', 1_000, LEASE, 10)).toEqual([]);
      expect(await store.jobs.complete({ runId: a.runId, owner: 'w1', claims: 1 }, 'succeeded', 1_100)).toBe(true);
      expect((await store.jobs.claimJobs('w2', 1_200, LEASE, 10)).map((j) => j.runId)).toEqual([b.runId]);
    });

    it('claims a due parked run (a retry, a delay) before fresh runs queued while it waited, within the concurrency', async () => {
      const store = get();
      const retried = await started({ now: 100, concurrency: 2 });
      await store.jobs.claimJobs('w1', 150, LEASE, 1);
      expect(await store.jobs.reschedule({ runId: retried.runId, owner: 'w1', claims: 1 }, 'retry_wait', 400, 160)).toBe(true);
      const fresh = [];
      for (const now of [200, 250, 300]) fresh.push(await started({ now, concurrency: 2 }));
      // Not due yet: fresh work goes first.
      expect((await store.jobs.claimJobs('w2', 350, LEASE, 1)).map((j) => j.runId)).toEqual([fresh[0]?.runId]);
      expect(await store.jobs.complete({ runId: fresh[0]?.runId ?? '', owner: 'w2', claims: 1 }, 'succeeded', 360)).toBe(true);
      // Due: it comes before the fresh runs queued before its due time, and the free slots take the oldest of those.
      expect((await store.jobs.claimJobs('w3', 500, LEASE, 10)).map((j) => j.runId)).toEqual([retried.runId, fresh[1]?.runId]);
    });

    it("takes no more of a workflow's due jobs than its free slots, however many the worker asks for, and passes over a workflow at its limit", async () => {
      const store = get();
      const first = await started({ now: 100, concurrency: 3 });
      await store.jobs.claimJobs('w1', 150, LEASE, 1);
      expect(await store.jobs.reschedule({ runId: first.runId, owner: 'w1', claims: 1 }, 'retry_wait', 400, 160)).toBe(true);
      const queued = [];
      for (const now of [200, 210, 220, 230]) queued.push(await started({ now, concurrency: 3 }));
      const inWf2 = { workflowId: 'wf2', event: { kind: 'new' as const, event: event('wf2') } };
      const other = await started({ ...inWf2, now: 300, concurrency: 3 });
      // Three free slots for wf: the due retry first, then the two oldest queued; and wf2's one job.
      const claimed = await store.jobs.claimJobs('w2', 500, LEASE, 10);
      expect(claimed.map((j) => j.runId).sort()).toEqual([first.runId, queued[0]?.runId, queued[1]?.runId, other.runId].sort());
      // wf is at its limit now: a claim passes it over, whatever it asks for.
      const next = await started({ ...inWf2, now: 600, concurrency: 3 });
      expect((await store.jobs.claimJobs('w3', 700, LEASE, 10)).map((j) => j.runId)).toEqual([next.runId]);
      expect(await store.jobs.complete({ runId: queued[0]?.runId ?? '', owner: 'w2', claims: 1 }, 'succeeded', 710)).toBe(true);
      expect((await store.jobs.claimJobs('w3', 720, LEASE, 10)).map((j) => j.runId)).toEqual([queued[2]?.runId]);
    });

    it('does not claim a job before it is due, and reports when the next one is', async () => {
      const store = get();
      const a = await started({ now: 5_000 });
      expect(await store.jobs.claimJobs('w1', 4_999, LEASE, 10)).toEqual([]);
      expect(await store.jobs.nextDueAt()).toBe(5_000);
      expect((await store.jobs.claimJobs('w1', 5_000, LEASE, 10)).map((j) => j.runId)).toEqual([a.runId]);
    });

    it('fences: after the lease expires and another worker claims, the first worker moves nothing', async () => {
      const store = get();
      const a = await started();
      await store.jobs.claimJobs('w1', 1_000, LEASE, 10);
      const first = { runId: a.runId, owner: 'w1', claims: 1 };
      expect(await store.jobs.renewLease(first, 1_000 + 2 * LEASE)).toBe(true);
      expect(await store.jobs.reclaimExpiredLeases(1_000 + 2 * LEASE - 1)).toBe(0);
      expect(await store.jobs.reclaimExpiredLeases(1_000 + 2 * LEASE + 1)).toBe(1);
      const again = await store.jobs.claimJobs('w2', 1_000 + 2 * LEASE + 2, LEASE, 10);
      expect(again).toMatchObject([{ runId: a.runId, claims: 2 }]);
      expect(await store.jobs.renewLease(first, 10 ** 9)).toBe(false);
      expect(await store.jobs.complete(first, 'failed', 10 ** 6)).toBe(false);
      expect(await store.jobs.reschedule(first, 'retry_wait', 10 ** 7, 10 ** 6)).toBe(false);
      const second = { runId: a.runId, owner: 'w2', claims: 2 };
      expect(await store.jobs.complete(second, 'succeeded', 10 ** 6)).toBe(true);
      expect(await store.jobs.complete(second, 'succeeded', 10 ** 6)).toBe(false);
    });

    it("fences by claim, not only by owner: the same owner's stale claim moves nothing after it claimed the job again", async () => {
      const store = get();
      const a = await started();
      await store.jobs.claimJobs('w1', 1_000, LEASE, 10);
      const stale = { runId: a.runId, owner: 'w1', claims: 1 };
      expect(await store.jobs.reclaimExpiredLeases(1_000 + LEASE + 1)).toBe(1);
      expect(await store.jobs.claimJobs('w1', 1_000 + LEASE + 2, LEASE, 10)).toMatchObject([{ runId: a.runId, claims: 2 }]);
      expect(await store.jobs.renewLease(stale, 10 ** 9)).toBe(false);
      expect(await store.jobs.reschedule(stale, 'retry_wait', 10 ** 7, 10 ** 6)).toBe(false);
      expect(await store.jobs.complete(stale, 'failed', 10 ** 6)).toBe(false);
      expect(await store.jobs.complete({ ...stale, claims: 2 }, 'succeeded', 10 ** 6)).toBe(true);
    });

    it("commits nothing of a stale worker's turn: no step, no end of the run, no move of the job", async () => {
      const store = get();
      const execution = createExecutionStore({ store });
      const a = await started();
      await store.jobs.claimJobs('w1', 1_000, LEASE, 10);
      await store.jobs.reclaimExpiredLeases(1_000 + LEASE + 1);
      await store.jobs.claimJobs('w1', 1_000 + LEASE + 2, LEASE, 10);
      const step = { runId: a.runId, nodeId: 'in', attempt: 1, status: 'succeeded' as const, output: 1, startedAt: 1, finishedAt: 2 };
      const turn = { runId: a.runId, owner: 'w1', now: 50_000, steps: [step], finish: { status: 'succeeded' as const } };
      await expect(execution.apply({ ...turn, claims: 1 })).rejects.toBeInstanceOf(LeaseLostError);
      expect(await store.steps.forRun(a.runId)).toEqual([]);
      expect(await store.runs.statusOf(a.runId)).toBe('running');
      expect((await store.jobs.depth()).find((d) => d.status === 'running')?.n).toBe(1);
      // The current claim's turn commits.
      await execution.apply({ ...turn, claims: 2 });
      expect(await store.steps.forRun(a.runId)).toHaveLength(1);
      expect(await store.runs.statusOf(a.runId)).toBe('succeeded');
    });

    it("ends a run in one unit: the job, the last steps and the run's status; a cancelled run stays cancelled; a stale claim changes nothing", async () => {
      const store = get();
      const [a, b] = [await started(), await started()];
      await store.jobs.claimJobs('w1', 1_000, LEASE, 10);
      const big = 'x'.repeat(5_000);
      const step = { runId: a.runId, nodeId: 'in', attempt: 1, status: 'succeeded' as const, output: { big }, startedAt: 1, finishedAt: 2 };
      const ended = await store.jobs.finishRun({ runId: a.runId, owner: 'w1', claims: 1 }, { status: 'succeeded' }, [step], 2_000);
      expect(ended?.changed).toBe(true);
      // A store that tells the largest payload tells at least the JSON of the biggest field.
      if (ended?.largestPayload !== undefined) expect(ended.largestPayload).toBeGreaterThanOrEqual(big.length);
      expect((await store.steps.forRun(a.runId)).map((s) => s.output)).toEqual([{ big }]);
      expect(await store.runs.get(a.runId)).toMatchObject({ status: 'succeeded', finishedAt: 2_000 });
      expect(await store.jobs.complete({ runId: a.runId, owner: 'w1', claims: 1 }, 'succeeded', 2_001)).toBe(false);

      await store.runs.cancel(b.runId, { code: 'cancelled', message: 'by hand' }, 1_500);
      const stale = { runId: b.runId, owner: 'w1', claims: 2 };
      expect(await store.jobs.finishRun(stale, { status: 'failed', error: { code: 'x', message: 'no' } }, [{ ...step, runId: b.runId }], 2_000)).toBeUndefined();
      expect(await store.steps.forRun(b.runId)).toEqual([]);
      const cancelled = await store.jobs.finishRun({ ...stale, claims: 1 }, { status: 'cancelled' }, [], 2_000);
      expect(cancelled?.changed).toBe(false);
      expect(await store.runs.get(b.runId)).toMatchObject({ status: 'cancelled', finishedAt: 1_500, error: { message: 'by hand' } });
      expect((await store.jobs.depth()).find((d) => d.status === 'running')).toBeUndefined();
    });

    it('ends, step commits and loads of several runs at once each keep their own fence: a stale claim among them changes nothing, the others commit', async () => {
      const store = get();
      const runs = [await started(), await started(), await started(), await started()];
      await store.jobs.claimJobs('w1', 1_000, LEASE, 10);
      const lease = (runId: string, claims = 1) => ({ runId, owner: 'w1', claims });
      const step = (runId: string, nodeId: string) => ({ runId, nodeId, attempt: 1, status: 'succeeded' as const, output: { runId, nodeId }, startedAt: 1, finishedAt: 2 });
      const [r0, r1, r2, r3] = runs.map((r) => r.runId) as [string, string, string, string];
      const loaded = await Promise.all([r0, 'run_missing', r1, r2, r3].map((id) => store.runs.toContinue(id)));
      expect(loaded.map((l) => l?.run.id)).toEqual([r0, undefined, r1, r2, r3]);
      expect(loaded.map((l) => l?.event.id)).toEqual([runs[0]?.eventId, undefined, runs[1]?.eventId, runs[2]?.eventId, runs[3]?.eventId]);
      const held = await Promise.all([
        store.jobs.holdAndRecord(lease(r0), 1_000 + LEASE * 2, [step(r0, 'code')]),
        store.jobs.holdAndRecord(lease(r1, 7), 1_000 + LEASE * 2, [step(r1, 'code')]),
        store.jobs.holdAndRecord(lease(r2), 1_000 + LEASE * 2, [step(r2, 'code')]),
      ]);
      expect(held).toEqual(['running', undefined, 'running']);
      const ended = await Promise.all([
        store.jobs.finishRun(lease(r0), { status: 'succeeded' }, [step(r0, 'http')], 2_000),
        store.jobs.finishRun(lease(r1, 7), { status: 'succeeded' }, [step(r1, 'http')], 2_000),
        store.jobs.finishRun(lease(r2), { status: 'failed', error: { code: 'x', message: 'no' } }, [step(r2, 'http')], 2_100),
        store.jobs.finishRun(lease(r3), { status: 'succeeded' }, [], 2_200),
      ]);
      expect(ended.map((e) => e?.changed)).toEqual([true, undefined, true, true]);
      expect((await store.steps.forRun(r0)).map((s) => [s.nodeId, s.output])).toEqual([
        ['code', { runId: r0, nodeId: 'code' }],
        ['http', { runId: r0, nodeId: 'http' }],
      ]);
      expect(await store.steps.forRun(r1)).toEqual([]);
      expect((await store.steps.forRun(r2)).map((s) => s.nodeId)).toEqual(['code', 'http']);
      expect(await store.runs.get(r0)).toMatchObject({ status: 'succeeded', finishedAt: 2_000 });
      expect(await store.runs.get(r1)).toMatchObject({ status: 'running', finishedAt: null });
      expect(await store.runs.get(r2)).toMatchObject({ status: 'failed', finishedAt: 2_100, error: { code: 'x', message: 'no' } });
      expect(await store.runs.get(r3)).toMatchObject({ status: 'succeeded', finishedAt: 2_200 });
      // The stale claim's job is still held by its current claim, which ends it.
      expect((await store.jobs.finishRun(lease(r1), { status: 'succeeded' }, [], 2_300))?.changed).toBe(true);
    });

    it('parks a run in one unit: the job waits for its time, the run waits, the failed attempt is stored; a stale claim changes nothing', async () => {
      const store = get();
      const [a, b] = [await started(), await started()];
      await store.jobs.claimJobs('w1', 1_000, LEASE, 10);
      const failed = {
        runId: a.runId,
        nodeId: 'out',
        attempt: 1,
        status: 'retrying' as const,
        startedAt: 1_000,
        finishedAt: 1_010,
        nextAttemptAt: 1_260,
        error: { code: 'http_server_error', message: 'The endpoint answered 500.', status: 500, retryable: true },
        detail: { response: { status: 500, body: 'failing' }, retry: { reason: 'attempt 2 of 20 in 0.3 s', nextAttemptAt: 1_260 } },
      };
      expect(await store.jobs.parkRun({ runId: a.runId, owner: 'w1', claims: 1 }, 1_260, [failed], 1_010)).toBe('parked');
      expect(await store.steps.forRun(a.runId)).toEqual([{ ...failed, frame: '', input: undefined, output: undefined, ports: undefined, logs: undefined }]);
      expect(await store.runs.statusOf(a.runId)).toBe('waiting');
      expect(await store.jobs.nextDueAt()).toBe(1_260);
      // The park handed the job back: not claimable before its time, claimable (a new claim) from then on.
      expect(await store.jobs.claimJobs('w2', 1_259, LEASE, 10)).toEqual([]);
      expect(await store.jobs.claimJobs('w2', 1_260, LEASE, 10)).toMatchObject([{ runId: a.runId, claims: 2 }]);
      expect(await store.runs.statusOf(a.runId)).toBe('running');
      // The old claim parks nothing more: neither steps nor the job.
      expect(await store.jobs.parkRun({ runId: a.runId, owner: 'w1', claims: 1 }, 9_000, [{ ...failed, attempt: 2 }], 1_300)).toBe('lost');
      expect((await store.steps.forRun(a.runId)).map((s) => s.attempt)).toEqual([1]);
      expect((await store.jobs.depth()).find((d) => d.status === 'running')?.n).toBe(2);

      // The executor's park takes the same unit, and a stale turn's park is a lost lease.
      const execution = createExecutionStore({ store });
      const turn = { runId: b.runId, owner: 'w1', now: 1_010, steps: [{ ...failed, runId: b.runId }], waitUntil: 1_260, stepsWaiting: false };
      await expect(execution.apply({ ...turn, claims: 2 })).rejects.toBeInstanceOf(LeaseLostError);
      expect(await store.steps.forRun(b.runId)).toEqual([]);
      await execution.apply({ ...turn, claims: 1 });
      expect(await store.runs.statusOf(b.runId)).toBe('waiting');
      expect((await store.steps.forRun(b.runId)).map((s) => s.status)).toEqual(['retrying']);
    });

    it('parks nothing of a run cancelled while held, and leaves the job to its worker', async () => {
      const store = get();
      const a = await started();
      const [claim] = await store.jobs.claimJobs('w1', 1_000, LEASE, 10);
      const lease = { runId: a.runId, owner: 'w1', claims: claim?.claims ?? 0 };
      const failed = { runId: a.runId, nodeId: 'out', attempt: 1, status: 'retrying' as const, startedAt: 1_000, finishedAt: 1_010, nextAttemptAt: 1_260 };
      await store.runs.cancel(a.runId, { code: 'cancelled', message: 'Cancelled by a person.' }, 1_005);
      expect(await store.jobs.parkRun(lease, 1_260, [failed], 1_010)).toBe('cancelled');
      expect(await store.steps.forRun(a.runId)).toEqual([]);
      expect(await store.jobs.nextDueAt()).toBeNull();
      // The executor's view says so too, on either path (one statement, or the hooks' transaction).
      const turn = { ...lease, now: 1_010, steps: [failed], waitUntil: 1_260 };
      expect(await createExecutionStore({ store }).apply({ ...turn, stepsWaiting: false })).toEqual({ cancelled: true });
      expect(await createExecutionStore({ store, hooks: [{ onPark: async (_tx, e) => e.until }] }).apply(turn)).toEqual({ cancelled: true });
      expect(await store.steps.forRun(a.runId)).toEqual([]);
      // Still held under the same claim: the worker ends the run as cancelled, with the attempt.
      expect(await store.jobs.finishRun(lease, { status: 'cancelled' }, [failed], 1_020)).toMatchObject({ changed: false });
      expect(await store.runs.statusOf(a.runId)).toBe('cancelled');
      expect((await store.steps.forRun(a.runId)).map((s) => s.attempt)).toEqual([1]);
    });

    it('joins a park hook only to the park of a run with a step waiting', async () => {
      const store = get();
      const seen: string[] = [];
      const execution = createExecutionStore({
        store,
        hooks: [
          {
            actsOnPark: ({ stepsWaiting }) => stepsWaiting,
            async onPark(tx, e) {
              seen.push(e.runId);
              return e.now;
            },
          },
        ],
      });
      const [a, b, c] = [await started(), await started(), await started()];
      await store.jobs.claimJobs('w1', 1_000, LEASE, 10);
      const park = { owner: 'w1', claims: 1, now: 2_000, steps: [], waitUntil: 60_000 };
      await execution.apply({ ...park, runId: a.runId, stepsWaiting: false });
      await execution.apply({ ...park, runId: b.runId, stepsWaiting: true });
      // Not told: the hook is asked, as before the park had a single-unit form.
      await execution.apply({ ...park, runId: c.runId });
      expect(seen).toEqual([b.runId, c.runId]);
      // The hook's answer (wake now) holds for the parks it joined.
      expect((await store.jobs.claimJobs('w2', 2_000, LEASE, 10)).map((j) => j.runId).sort()).toEqual([b.runId, c.runId].sort());
    });

    it('joins a run hook to the end of the run that has work for it, and leaves it out of an end it has none for', async () => {
      const store = get();
      const seen: string[] = [];
      const execution = createExecutionStore({
        store,
        hooks: [
          {
            actsOnFinish: ({ status }) => status === 'failed',
            async onFinish(tx, e) {
              // Inside the unit: the run's end is visible to the hook's reads.
              seen.push(`${e.runId}:${String(await tx.runs.statusOf(e.runId))}`);
            },
          },
        ],
      });
      const [a, b] = [await started(), await started()];
      await store.jobs.claimJobs('w1', 1_000, LEASE, 10);
      await execution.apply({ runId: a.runId, owner: 'w1', claims: 1, now: 2_000, steps: [], finish: { status: 'succeeded' } });
      await execution.apply({ runId: b.runId, owner: 'w1', claims: 1, now: 2_000, steps: [], finish: { status: 'failed', error: { code: 'x', message: 'no' } } });
      expect(seen).toEqual([`${b.runId}:failed`]);
      expect(await store.runs.statusOf(a.runId)).toBe('succeeded');
    });

    it('records steps while holding the job (the last record of an attempt wins) and tells the run status; a stale claim records nothing', async () => {
      const store = get();
      const execution = createExecutionStore({ store });
      const a = await started();
      await store.jobs.claimJobs('w1', 1_000, LEASE, 10);
      const step = { runId: a.runId, nodeId: 'code', attempt: 1, status: 'failed' as const, startedAt: 1, finishedAt: 2, error: { code: 'x', message: 'no' } };
      const held = { runId: a.runId, owner: 'w1', claims: 1 };
      const retried = { ...step, status: 'succeeded' as const, error: undefined, output: { é: [1, null] }, ports: ['out'] };
      const looped = { ...step, frame: 'loop:0', nodeId: 'item', input: 'x', logs: ['a'], detail: { index: 0 }, nextAttemptAt: 9 };
      expect(await store.jobs.holdAndRecord(held, 1_000 + LEASE * 2, [step, looped, retried])).toBe('running');
      expect(await store.steps.forRun(a.runId)).toEqual([
        { ...retried, frame: '', input: undefined, logs: undefined, detail: undefined, nextAttemptAt: undefined },
        { ...looped, output: undefined, ports: undefined },
      ]);
      expect(await store.jobs.holdAndRecord(held, 1_000 + LEASE * 2, [])).toBe('running');
      // The lease was extended: a reclaim at the first lease's end leaves the job alone.
      expect(await store.jobs.reclaimExpiredLeases(1_000 + LEASE + 1)).toBe(0);
      await store.runs.cancel(a.runId, { code: 'cancelled', message: 'by hand' }, 3_000);
      expect(await store.jobs.holdAndRecord(held, 1_000 + LEASE * 2, [])).toBe('cancelled');
      expect(await execution.hold(held, 1_000 + LEASE * 2, [])).toEqual({ cancelled: true });
      await store.jobs.reclaimExpiredLeases(1_000 + LEASE * 3);
      await store.jobs.claimJobs('w1', 1_000 + LEASE * 3, LEASE, 10);
      expect(await store.jobs.holdAndRecord(held, 10 ** 6, [{ ...step, nodeId: 'late' }])).toBeUndefined();
      await expect(execution.hold(held, 10 ** 6, [{ ...step, nodeId: 'late' }])).rejects.toBeInstanceOf(LeaseLostError);
      expect((await store.steps.forRun(a.runId)).map((s) => s.nodeId)).toEqual(['code', 'item']);
    });

    it('reschedules, wakes a waiting job early, and cancels only idle jobs', async () => {
      const store = get();
      const a = await started();
      await store.jobs.claimJobs('w1', 1_000, LEASE, 10);
      expect(await store.jobs.cancelIdle(a.runId, 1_001)).toBe(false);
      expect(await store.jobs.reschedule({ runId: a.runId, owner: 'w1', claims: 1 }, 'retry_wait', 50_000, 1_002)).toBe(true);
      expect(await store.jobs.nextDueAt()).toBe(50_000);
      expect(await store.jobs.wakeNow(a.runId, 2_000)).toBe(true);
      expect(await store.jobs.wakeNow(a.runId, 2_000)).toBe(false);
      expect(await store.jobs.nextDueAt()).toBe(2_000);
      expect(await store.jobs.cancelIdle(a.runId, 2_001)).toBe(true);
      expect(await store.jobs.nextDueAt()).toBeNull();
    });

    it("hands leases back on shutdown, and takes back every other owner's at start", async () => {
      const store = get();
      await started({ now: 1 });
      await started({ now: 2 });
      await store.jobs.claimJobs('w1', 1_000, LEASE, 1);
      await store.jobs.claimJobs('w2', 1_000, LEASE, 1);
      expect(await store.jobs.releaseLeases('w1', 1_001)).toBe(1);
      await store.jobs.claimJobs('w3', 1_002, LEASE, 1);
      expect(await store.jobs.reclaimOthersLeases('w3', 1_003)).toBe(1);
      const depth = await store.jobs.depth();
      expect(depth.find((d) => d.status === 'queued')?.n).toBe(1);
      expect(depth.find((d) => d.status === 'running')?.n).toBe(1);
    });
  });
}
