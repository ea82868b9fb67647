// SQLite's run end tells the largest payload the run holds, steps stored earlier included, so the
// payload truncation after it is skipped for a run with nothing past the cap.
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteFileStore } from '../../support/sqlite-file-store.js';
import { event, openWithTwoWorkflows } from '../store/contract/contract-fixtures.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

describe('a run ending on SQLite', () => {
  it('tells the size in bytes of the largest input, output or detail of any of its attempts', async () => {
    const opened = await openWithTwoWorkflows(async () => openSqliteFileStore('largest.db'));
    cleanups.push(opened.close);
    const { store } = opened;
    const started = await store.runs.startRun({ workflowId: 'wf', version: 1, concurrency: 4, now: 1_000, event: { kind: 'new', event: event('wf') } });
    if (started.kind !== 'started') throw new Error('expected a started run');
    const [job] = await store.jobs.claimJobs('w1', 1_000, 30_000, 1);
    const lease = { runId: started.runId, owner: 'w1', claims: job?.claims ?? 0 };
    // The largest payload was stored by an earlier unit (multi-byte text: bytes, not characters); the last step is small.
    const big = 'é'.repeat(3_000);
    const base = { runId: started.runId, frame: '', attempt: 1, status: 'succeeded' as const, startedAt: 1_000, finishedAt: 1_001 };
    expect(await store.jobs.holdAndRecord(lease, 40_000, [{ ...base, nodeId: 'in', input: { big }, output: 1 }])).toBe('running');
    const ended = await store.jobs.finishRun(lease, { status: 'succeeded' }, [{ ...base, nodeId: 'out', output: { ok: true } }], 2_000);
    expect(ended?.changed).toBe(true);
    expect(ended?.largestPayload).toBe(Buffer.byteLength(JSON.stringify({ big })));
  });
});
