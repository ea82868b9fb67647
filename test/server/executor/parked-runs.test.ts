// What the executor keeps of a run it parked, and when a claim may use it.
import { describe, expect, it } from 'vitest';
import { createParkedRuns, stepsAfter, type ParkedTurn } from '../../../server/executor/parked-runs.js';
import { startedRunRow } from '../../../server/executor/fresh-runs.js';
import type { StepRecord } from '../../../server/engine/records.js';
import { approxSizeWithin } from '../../../server/lib/approx-size.js';

const step = (nodeId: string, attempt: number, over: Partial<StepRecord> = {}): StepRecord => ({
  runId: 'run_1',
  frame: '',
  nodeId,
  attempt,
  status: 'retrying',
  startedAt: attempt,
  finishedAt: attempt,
  ...over,
});

function parkedRun(claims: number, until: number, steps: StepRecord[] = [step('out', 1)], recorded: StepRecord[] = []): ParkedTurn {
  const run = { ...startedRunRow({ id: 'run_1', workflowId: 'wf', version: 1, eventId: 'evt_1', createdAt: 0 }), status: 'waiting' as const, wakeAt: until, startedAt: 0 };
  return { claims, until, run, stored: steps, recorded, trigger: { method: 'POST', path: '/hooks/x', headers: {}, query: {}, body: {} } };
}

describe('parked runs kept in memory', () => {
  it('hands a run back to the claim that directly follows its park, once', () => {
    const parked = createParkedRuns();
    const turn = parkedRun(3, 1_250, [step('out', 1)], [step('out', 2)]);
    parked.keep('run_1', turn, 1_000);
    // The steps as the store now holds them: the loaded ones and the attempt the parking turn recorded.
    expect(parked.take({ runId: 'run_1', workflowId: 'wf', claims: 4 })).toEqual({
      claims: 3,
      until: 1_250,
      run: turn.run,
      trigger: turn.trigger,
      steps: [step('out', 1), step('out', 2)],
      bytes: approxSizeWithin([turn.trigger, [step('out', 1), step('out', 2)]], Infinity),
    });
    expect(parked.take({ runId: 'run_1', workflowId: 'wf', claims: 4 })).toBeUndefined();
  });

  it('forgets a run that someone else claimed in between (the fencing counter moved on)', () => {
    const parked = createParkedRuns();
    parked.keep('run_1', parkedRun(3, 1_250), 1_000);
    expect(parked.take({ runId: 'run_1', workflowId: 'wf', claims: 5 })).toBeUndefined();
    expect(parked.size).toBe(0);
  });

  it('keeps no park due beyond its horizon, and no run with more attempts than its bound', () => {
    const parked = createParkedRuns({ horizonMs: 10_000, maxSteps: 2 });
    parked.keep('run_1', parkedRun(1, 11_001), 1_000);
    parked.keep('run_2', parkedRun(1, 2_000, [step('a', 1), step('b', 1), step('c', 1)]), 1_000);
    parked.keep('run_4', parkedRun(1, 2_000, [step('a', 1), step('b', 1)], [step('c', 1)]), 1_000);
    expect(parked.size).toBe(0);
    parked.keep('run_3', parkedRun(1, 11_000), 1_000);
    expect(parked.size).toBe(1);
  });

  it('holds at most its bound, dropping the oldest first, and drops entries long past their due time', () => {
    const parked = createParkedRuns({ max: 2, horizonMs: 1_000 });
    parked.keep('a', parkedRun(1, 1_100), 1_000);
    parked.keep('b', parkedRun(1, 1_200), 1_000);
    parked.keep('c', parkedRun(1, 1_300), 1_000);
    expect(parked.take({ runId: 'a', workflowId: 'wf', claims: 2 })).toBeUndefined();
    expect(parked.take({ runId: 'b', workflowId: 'wf', claims: 2 })).toBeDefined();
    // 'c' was due at 1,300: at 2,400 nobody here claimed it within the horizon (another process did, or will).
    parked.keep('d', parkedRun(1, 2_500), 2_400);
    expect(parked.take({ runId: 'c', workflowId: 'wf', claims: 2 })).toBeUndefined();
    expect(parked.take({ runId: 'd', workflowId: 'wf', claims: 2 })).toBeDefined();
  });

  it('keeps no run whose payloads are over its byte cap, and holds no more bytes in all than its budget', () => {
    const big = (n: number) => [step('out', 1, { input: { body: 'x'.repeat(n) } })];
    const parked = createParkedRuns({ maxEntryBytes: 10_000, maxBytes: 25_000 });
    parked.keep('huge', parkedRun(1, 1_100, big(50_000)), 1_000);
    expect(parked.size).toBe(0);
    for (const id of ['a', 'b', 'c']) parked.keep(id, parkedRun(1, 1_100, big(9_000)), 1_000);
    // Three of about 9 KB do not fit in 25 KB: the oldest went first.
    expect(parked.size).toBe(2);
    expect(parked.bytes).toBeLessThanOrEqual(25_000);
    expect(parked.take({ runId: 'a', workflowId: 'wf', claims: 2 })).toBeUndefined();
    expect(parked.take({ runId: 'c', workflowId: 'wf', claims: 2 })).toBeDefined();
    expect(parked.bytes).toBeGreaterThan(9_000);
    expect(parked.take({ runId: 'b', workflowId: 'wf', claims: 2 })).toBeDefined();
    expect(parked.bytes).toBe(0);
  });

  it('measures only the new records of a run continued from an entry, and holds it to the cap on that count', () => {
    const parked = createParkedRuns({ maxEntryBytes: 10_000 });
    const first = parkedRun(1, 1_100, [step('out', 1, { input: { body: 'x'.repeat(4_000) } })], [step('out', 2, { input: { body: 'x'.repeat(4_000) } })]);
    parked.keep('run_1', first, 1_000);
    const entry = parked.take({ runId: 'run_1', workflowId: 'wf', claims: 2 });
    expect(entry?.bytes).toBe(approxSizeWithin([first.trigger, entry?.steps], Infinity));
    // Parked again from that entry with one more attempt: its size is the entry's and the attempt's.
    const third = step('out', 3);
    parked.keep('run_1', { ...parkedRun(2, 1_400, entry?.steps, [third]), storedBytes: entry?.bytes }, 1_300);
    expect(parked.bytes).toBe((entry?.bytes ?? 0) + approxSizeWithin([third], Infinity));
    // A stated size over the cap keeps nothing, whatever the records would measure.
    parked.keep('run_1', { ...parkedRun(2, 1_400, [step('out', 1)], [third]), storedBytes: 9_990 }, 1_300);
    expect(parked.size).toBe(0);
  });

  it("gives a run's steps after a turn as the store holds them: a record of the same attempt replaces the stored one", () => {
    const stored = [step('loop', 1, { status: 'running' }), step('out', 1)];
    const recorded = [step('loop', 1, { status: 'succeeded', output: [1] }), step('out', 2)];
    expect(stepsAfter(stored, recorded)).toEqual([step('loop', 1, { status: 'succeeded', output: [1] }), step('out', 1), step('out', 2)]);
    // Frames keep attempts of the same node apart.
    expect(stepsAfter([step('body', 1, { frame: 'loop:0' })], [step('body', 1, { frame: 'loop:1' })])).toHaveLength(2);
  });
});
