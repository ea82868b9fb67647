// The storage contract's part on what a claim hands the worker: each claimed run's state, as
// `runs.toContinue` reads it after the claim, so that the worker starts the run without
// reading it again (see store-contract.ts).
import { describe, expect, it } from 'vitest';
import { CLAIMED_STATE_LIMITS } from '../../../../server/store/claimed-state-limits.js';
import type { StepRecord } from '../../../../server/engine/records.js';
import { event } from './contract-fixtures.js';
import type { LeaseContext } from './lease-contract.js';

const LEASE = 30_000;

/** A succeeded attempt of step `n<i>`, started at `10 + i`. */
const attempt = (runId: string, i: number, over: Partial<StepRecord> = {}): StepRecord => ({
  runId,
  nodeId: `n${i}`,
  attempt: 1,
  status: 'succeeded',
  startedAt: 10 + i,
  finishedAt: 11 + i,
  ...over,
});

export function describeClaimStateContract({ store: get, started }: LeaseContext): void {
  describe('the state a claim carries', () => {
    it('carries each claimed run as toContinue reads it after the claim: running, with its byte-exact event and no steps yet', async () => {
      const store = get();
      const body = Buffer.from([0x7b, 0x22, 0xc3, 0xa9, 0x22, 0x3a, 0x30, 0x7d, 0x00, 0xff]);
      const a = await started({ now: 100, event: { kind: 'new', event: event('wf', { body, dedupeKey: 'k1', query: { q: ['1', '2'] } }) } });
      const b = await started({ now: 200 });
      const jobs = await store.jobs.claimJobs('w1', 1_000, LEASE, 10);
      expect(jobs.map((j) => j.runId)).toEqual([a.runId, b.runId]);
      for (const j of jobs) expect(j.state).toEqual(await store.runs.toContinue(j.runId));
      expect(jobs[0]?.state).toMatchObject({ run: { id: a.runId, status: 'running', startedAt: 1_000 }, steps: [] });
      expect(jobs[0]?.state?.event.body.equals(body)).toBe(true);
    });

    it('carries a run resumed after a retry with its earlier attempts, as toContinue reads them', async () => {
      const store = get();
      const { runId } = await started({ now: 100 });
      await store.jobs.claimJobs('w1', 1_000, LEASE, 1);
      const first = { runId, owner: 'w1', claims: 1 };
      const earlier: StepRecord[] = [
        attempt(runId, 1, { nodeId: 'in', output: { é: [1, null] }, ports: ['out'] }),
        attempt(runId, 2, { nodeId: 'call', status: 'failed', input: { n: 1 }, error: { code: 'http_503', message: 'busy' }, logs: ['try 1'], detail: { status: 503 }, nextAttemptAt: 5_000 }),
      ];
      expect(await store.jobs.holdAndRecord(first, 1_000 + LEASE, earlier)).toBe('running');
      await store.runs.markWaiting(runId, 5_000);
      expect(await store.jobs.reschedule(first, 'retry_wait', 5_000, 1_005)).toBe(true);
      const [job] = await store.jobs.claimJobs('w2', 5_000, LEASE, 1);
      expect(job).toMatchObject({ runId, claims: 2 });
      expect(job?.state).toEqual(await store.runs.toContinue(runId));
      expect(job?.state?.run).toMatchObject({ status: 'running', wakeAt: null, startedAt: 1_000 });
      expect(job?.state?.steps).toEqual(earlier.map((s) => expect.objectContaining(s)));
    });

    it('leaves out the state of a run with more stored attempts or bytes than a claim carries, for the worker to read', async () => {
      const store = get();
      const many = await started({ now: 100 });
      const large = await started({ now: 200 });
      const atBound = await started({ now: 300 });
      for (let i = 0; i <= CLAIMED_STATE_LIMITS.steps; i++) await store.steps.recordStep(attempt(many.runId, i));
      await store.steps.recordStep(attempt(large.runId, 0, { output: 'x'.repeat(CLAIMED_STATE_LIMITS.bytes) }));
      for (let i = 0; i < CLAIMED_STATE_LIMITS.steps; i++) await store.steps.recordStep(attempt(atBound.runId, i));
      const jobs = await store.jobs.claimJobs('w1', 1_000, LEASE, 10);
      expect(jobs.map((j) => [j.runId, j.state !== undefined])).toEqual([
        [many.runId, false],
        [large.runId, false],
        [atBound.runId, true],
      ]);
      expect(jobs[2]?.state).toEqual(await store.runs.toContinue(atBound.runId));
      expect(jobs[2]?.state?.steps).toHaveLength(CLAIMED_STATE_LIMITS.steps);
    });
  });
}
