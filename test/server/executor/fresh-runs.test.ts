// The memory of runs this process just accepted: taken only at a run's first claim, bounded, and
// forgotten once asked for.
import { describe, expect, it } from 'vitest';
import { createFreshRuns, startedRunRow, type FreshRun } from '../../../server/executor/fresh-runs.js';
import { triggerBytes } from '../../../server/executor/run-budget.js';

const entry = (id: string, body: unknown = { n: 1 }): FreshRun => ({
  run: startedRunRow({ id, workflowId: 'wf', version: 1, eventId: `evt_${id}`, createdAt: 1_000 }),
  trigger: { method: 'POST', path: '/hooks/x', headers: { 'content-type': 'application/json' }, query: {}, body },
});
const job = (runId: string, claims: number) => ({ runId, workflowId: 'wf', claims });

describe('runs kept from ingest for their first claim', () => {
  it('hands a run to its first claim, as a queued run with no steps, and forgets it', () => {
    const fresh = createFreshRuns();
    fresh.keep(entry('r1'), 7);
    const taken = fresh.take(job('r1', 1));
    expect(taken?.run).toMatchObject({ id: 'r1', status: 'queued', parentRunId: null, depth: 0, errorOf: null, replayOf: null });
    expect(taken?.steps).toEqual([]);
    expect(taken?.trigger.body).toEqual({ n: 1 });
    // The size it was kept at goes with it: the worker's run data budget counts the run by it.
    expect(taken?.bytes).toBe(triggerBytes(7, { 'content-type': 'application/json' }));
    expect(fresh.take(job('r1', 1))).toBeUndefined();
    expect(fresh.size).toBe(0);
    expect(fresh.bytes).toBe(0);
  });

  it('does not hand a run to a later claim (someone claimed it first), and forgets it all the same', () => {
    const fresh = createFreshRuns();
    fresh.keep(entry('r1'), 7);
    expect(fresh.take(job('r1', 2))).toBeUndefined();
    expect(fresh.size).toBe(0);
  });

  it('keeps at most `max` runs, dropping the oldest', () => {
    const fresh = createFreshRuns({ max: 2 });
    for (const id of ['r1', 'r2', 'r3']) fresh.keep(entry(id), 7);
    expect(fresh.size).toBe(2);
    expect(fresh.take(job('r1', 1))).toBeUndefined();
    expect(fresh.take(job('r3', 1))?.run.id).toBe('r3');
  });

  it('keeps no run whose request is past the entry cap, and holds at most `maxBytes` in all', () => {
    const fresh = createFreshRuns({ maxEntryBytes: 10_000, maxBytes: 12_000 });
    fresh.keep(entry('big'), 6_000);
    expect(fresh.size).toBe(0);
    fresh.keep(entry('r1'), 2_000);
    fresh.keep(entry('r2'), 2_000);
    fresh.keep(entry('r3'), 2_000);
    expect(fresh.bytes).toBeLessThanOrEqual(12_000);
    expect(fresh.take(job('r1', 1))).toBeUndefined();
    expect(fresh.take(job('r3', 1))?.run.id).toBe('r3');
  });
});
