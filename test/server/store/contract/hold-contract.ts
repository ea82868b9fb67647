// The storage contract's part on pause and hold, and on resume URL calls (see store-contract.ts).
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../../server/store/ports/store.js';
import type { IntakeInput } from '../../../../server/store/ports/holds.js';
import { event } from './contract-fixtures.js';
import type { LeaseContext } from './lease-contract.js';

export function describeHoldContract({ store: get, started }: LeaseContext): void {
  const intake = (store: Store, over: Partial<IntakeInput> = {}, n = 1) =>
    store.holds.intake({ workflowId: 'wf', version: 1, concurrency: 10, now: 1_000 + n, event: event('wf', { body: Buffer.from(`{"n":${n}}`), receivedAt: 1_000 + n }), ...over });
  const eventsOfRuns = async (store: Store) => {
    const runs = await store.runs.list({ workflowId: 'wf', limit: 100 });
    return Promise.all(runs.map(async (r) => (await store.runs.getEvent(r.eventId))?.body.toString()));
  };

  describe('pause and hold', () => {
    it('starts a run at once while the workflow is not paused', async () => {
      const store = get();
      expect(await intake(store)).toMatchObject({ kind: 'started' });
      expect(await store.holds.status('wf')).toEqual({ state: 'off', held: 0 });
    });

    it('holds events while paused (stored, no run, no job) and releases them in arrival order, each once', async () => {
      const store = get();
      expect(await store.holds.pause('wf', 10)).toBe(true);
      const held = [];
      for (let n = 1; n <= 5; n++) held.push(await intake(store, {}, n));
      expect(held.every((h) => h.kind === 'held' && !h.duplicate)).toBe(true);
      const first = held[0];
      if (first?.kind !== 'held') throw new Error('expected a held event');
      expect((await store.runs.getEvent(first.eventId))?.body.toString()).toBe('{"n":1}');
      expect(await store.runs.list({ workflowId: 'wf', limit: 10 })).toEqual([]);
      expect(await store.jobs.depth()).toEqual([]);
      expect(await store.holds.status('wf')).toEqual({ state: 'paused', held: 5 });
      // Still paused: a release does nothing.
      expect(await store.holds.release('wf', 10, 20)).toEqual({ started: 0, state: 'paused' });
      expect(await store.holds.beginResume('wf', 30)).toBe('resuming');
      expect(await store.holds.resuming()).toEqual(['wf']);
      // While resuming, new events are held behind the older ones.
      expect(await intake(store, {}, 6)).toMatchObject({ kind: 'held' });
      expect(await store.holds.release('wf', 4, 40)).toEqual({ started: 4, state: 'resuming' });
      expect(await store.holds.release('wf', 4, 41)).toEqual({ started: 2, state: 'off' });
      expect(await store.holds.release('wf', 4, 42)).toEqual({ started: 0, state: 'off' });
      expect(await store.holds.status('wf')).toEqual({ state: 'off', held: 0 });
      expect(await store.holds.resuming()).toEqual([]);
      const bodies = await eventsOfRuns(store);
      expect(bodies.sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `{"n":${n}}`));
      expect(await intake(store, {}, 7)).toMatchObject({ kind: 'started' });
    });

    it('in one tick, holds the intakes of a paused workflow and starts those of a running one, a repeated key resolving to the first', async () => {
      const store = get();
      expect(await store.holds.pause('wf', 10)).toBe(true);
      const on2 = (n: number, dedupeKey: string | null = null) => ({ workflowId: 'wf2', event: event('wf2', { dedupeKey, body: Buffer.from(`{"n":${n}}`) }) });
      const keyed = (dedupeKey: string) => ({ event: event('wf', { dedupeKey, body: Buffer.from('{}') }) });
      const [held, heldAgain, run, runAgain, other] = await Promise.all([
        intake(store, keyed('h')),
        intake(store, keyed('h')),
        intake(store, on2(1, 'r')),
        intake(store, on2(2, 'r')),
        intake(store, on2(3)),
      ]);
      expect(held).toMatchObject({ kind: 'held', duplicate: false });
      expect(heldAgain).toEqual({ kind: 'held', eventId: held?.kind === 'held' ? held.eventId : '', duplicate: true });
      expect(run).toMatchObject({ kind: 'started' });
      expect(runAgain).toEqual({ kind: 'duplicate', original: run?.kind === 'started' ? { runId: run.runId, eventId: run.eventId } : undefined });
      expect(other).toMatchObject({ kind: 'started' });
      expect(await store.holds.status('wf')).toEqual({ state: 'paused', held: 1 });
      expect(await store.runs.list({ workflowId: 'wf', limit: 10 })).toEqual([]);
      expect(await store.runs.list({ workflowId: 'wf2', limit: 10 })).toHaveLength(2);
    });

    it('never starts a held event twice when releases race', async () => {
      const store = get();
      await store.holds.pause('wf', 10);
      for (let n = 1; n <= 30; n++) await intake(store, {}, n);
      await store.holds.beginResume('wf', 20);
      await Promise.all(
        [1, 2, 3].map(async () => {
          for (let i = 0; i < 20; i++) if ((await store.holds.release('wf', 4, 30)).state === 'off') return;
        }),
      );
      const bodies = await eventsOfRuns(store);
      expect(bodies.length).toBe(30);
      expect(new Set(bodies).size).toBe(30);
      expect(await store.holds.status('wf')).toEqual({ state: 'off', held: 0 });
    });

    it('answers a repeated dedupe key with the held event, and pausing again stops a release', async () => {
      const store = get();
      await store.holds.pause('wf', 10);
      const a = await intake(store, { event: event('wf', { dedupeKey: 'k1' }) });
      const b = await intake(store, { event: event('wf', { dedupeKey: 'k1' }) });
      expect(a).toMatchObject({ kind: 'held', duplicate: false });
      expect(b).toEqual({ kind: 'held', eventId: a.kind === 'held' ? a.eventId : '', duplicate: true });
      await store.holds.beginResume('wf', 20);
      expect(await store.holds.pause('wf', 21)).toBe(true);
      expect(await store.holds.release('wf', 10, 22)).toEqual({ started: 0, state: 'paused' });
      expect(await store.holds.status('wf')).toEqual({ state: 'paused', held: 1 });
      expect(await store.holds.pause('nope', 23)).toBe(false);
      expect(await store.holds.beginResume('nope', 23)).toBeUndefined();
      expect(await store.holds.beginResume('wf2', 23)).toBe('off');
    });
  });

  describe('resume URL calls', () => {
    it('accepts up to the allowed uses, numbered, and refuses the rest; racing calls to a single-use URL let one in', async () => {
      const store = get();
      const { runId } = await started();
      const key = { runId, nodeId: 'wait', frame: '' };
      const results = await Promise.all([1, 2, 3, 4, 5].map((n) => store.waits.recordCall(key, 1, { n }, 2_000 + n)));
      expect(results.filter((r) => r.kind === 'accepted')).toEqual([{ kind: 'accepted', use: 1 }]);
      expect(results.filter((r) => r.kind === 'used_up')).toHaveLength(4);
      const other = { ...key, nodeId: 'w2' };
      expect(await store.waits.recordCall(other, 2, { a: 1 }, 3_000)).toEqual({ kind: 'accepted', use: 1 });
      expect(await store.waits.recordCall(other, 2, { a: 2 }, 3_001)).toEqual({ kind: 'accepted', use: 2 });
      expect(await store.waits.recordCall(other, 2, { a: 3 }, 3_002)).toEqual({ kind: 'used_up', uses: 2 });
      expect(await store.waits.calls(other)).toEqual([
        { use: 1, payload: { a: 1 }, receivedAt: 3_000 },
        { use: 2, payload: { a: 2 }, receivedAt: 3_001 },
      ]);
      expect(await store.waits.calls({ ...key, frame: 'loop:1' })).toEqual([]);
    });

    it('refuses a first call to a step that already ended (it timed out), but takes later uses after one was accepted', async () => {
      const store = get();
      const { runId } = await started();
      await store.steps.recordStep({ runId, nodeId: 'late', attempt: 1, status: 'succeeded', ports: ['timeout'], startedAt: 1_000, finishedAt: 2_000 });
      expect(await store.waits.recordCall({ runId, nodeId: 'late', frame: '' }, 1, {}, 3_000)).toEqual({ kind: 'closed' });
      expect(await store.waits.calls({ runId, nodeId: 'late', frame: '' })).toEqual([]);
      const key = { runId, nodeId: 'twice', frame: '' };
      expect(await store.waits.recordCall(key, 2, { n: 1 }, 3_000)).toEqual({ kind: 'accepted', use: 1 });
      await store.steps.recordStep({ runId, nodeId: 'twice', attempt: 1, status: 'succeeded', ports: ['out'], startedAt: 1_000, finishedAt: 3_001 });
      expect(await store.waits.recordCall(key, 2, { n: 2 }, 3_002)).toEqual({ kind: 'accepted', use: 2 });
    });

    it('wakes the parked step and its job when a call comes', async () => {
      const store = get();
      const { runId } = await started({ now: 1_000 });
      const [job] = await store.jobs.claimJobs('w1', 1_000, 30_000, 1);
      if (!job) throw new Error('expected a claim');
      await store.steps.recordStep({ runId, nodeId: 'wait', attempt: 1, status: 'waiting', startedAt: 1_000, finishedAt: null, nextAttemptAt: 900_000 });
      await store.jobs.reschedule({ runId, owner: 'w1', claims: job.claims }, 'retry_wait', 900_000, 1_001);
      expect(await store.jobs.nextDueAt()).toBe(900_000);
      await store.waits.recordCall({ runId, nodeId: 'wait', frame: '' }, 1, { ok: true }, 5_000);
      expect(await store.jobs.nextDueAt()).toBe(5_000);
      expect((await store.steps.forRun(runId)).find((s) => s.nodeId === 'wait')?.nextAttemptAt).toBe(5_000);
    });
  });
}
