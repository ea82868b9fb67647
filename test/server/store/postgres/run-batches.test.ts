import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../../../../server/engine/records.js';
import { useStoreOnPostgres } from './store-on-postgres.js';
import { event } from '../contract/contract-fixtures.js';

// The executor's per-run statements batched across one event-loop turn (run-batches.ts), against a
// real server: what one turn ends or commits shares one statement (one transaction), each run keeps
// its own fence, and a value PostgreSQL refuses fails only the call that carried it.
const on = useStoreOnPostgres();
let n = 0;

const LEASE = 30_000;
/** `count` runs started and claimed by 'w1' (claim number 1 each). */
async function claimed(count: number): Promise<string[]> {
  const store = on.opened.store;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    n++;
    const started = await store.runs.startRun({ workflowId: 'wf', version: 1, concurrency: 100, now: n, event: { kind: 'new', event: event('wf', { dedupeKey: `k${n}` }) } });
    if (started.kind !== 'started') throw new Error('not started');
    ids.push(started.runId);
  }
  const jobs = await store.jobs.claimJobs('w1', 10 ** 6, LEASE, count);
  expect(jobs.map((j) => j.runId).sort()).toEqual([...ids].sort());
  return ids;
}
const lease = (runId: string) => ({ runId, owner: 'w1', claims: 1 });
const step = (runId: string, nodeId: string, over: Partial<StepRecord> = {}): StepRecord => ({
  runId,
  nodeId,
  attempt: 1,
  status: 'succeeded',
  output: { nodeId },
  startedAt: 1,
  finishedAt: 2,
  ...over,
});
/** How many transactions wrote the rows `query` selects (its `xmin` column). */
const writers = async (query: string, ids: string[]) => (await on.sql.query<{ xmin: string }>(query, [ids])).rows.map((r) => r.xmin).filter((x, i, all) => all.indexOf(x) === i).length;

describe('PostgreSQL: the per-run statements of one turn share a statement', () => {
  it('commits the steps of runs held in one turn in one transaction, and ends them in one other', async () => {
    const ids = await claimed(6);
    const held = await Promise.all(ids.map((id) => on.opened.store.jobs.holdAndRecord(lease(id), 10 ** 6 + LEASE, [step(id, 'code')])));
    expect(held).toEqual(ids.map(() => 'running'));
    expect(await writers(`SELECT xmin::text FROM steps WHERE run_id = ANY($1)`, ids)).toBe(1);
    const ended = await Promise.all(ids.map((id) => on.opened.store.jobs.finishRun(lease(id), { status: 'succeeded' }, [step(id, 'http')], 5)));
    expect(ended.every((e) => e?.changed === true)).toBe(true);
    expect(await writers(`SELECT xmin::text FROM runs WHERE id = ANY($1)`, ids)).toBe(1);
    expect(await writers(`SELECT xmin::text FROM jobs WHERE run_id = ANY($1)`, ids)).toBe(1);
    expect(await writers(`SELECT xmin::text FROM steps WHERE run_id = ANY($1) AND node_id = 'http'`, ids)).toBe(1);
  });

  it("tells each run's largest payload from its own steps only", async () => {
    const [small, large] = (await claimed(2)) as [string, string];
    const big = 'x'.repeat(3_000);
    const [a, b] = await Promise.all([
      on.opened.store.jobs.finishRun(lease(small), { status: 'succeeded' }, [step(small, 'http')], 5),
      on.opened.store.jobs.finishRun(lease(large), { status: 'succeeded' }, [step(large, 'http', { output: { big } })], 5),
    ]);
    expect(a?.largestPayload).toBeLessThan(100);
    expect(b?.largestPayload).toBeGreaterThanOrEqual(big.length);
  });

  it('a value PostgreSQL refuses fails only the call that carried it: the others of its turn commit', async () => {
    const ids = await claimed(3);
    const [good1, bad, good2] = ids as [string, string, string];
    // A NUL character is refused by PostgreSQL in a text column: the shared statement fails, and each end is tried alone.
    const settled = await Promise.allSettled([
      on.opened.store.jobs.finishRun(lease(good1), { status: 'succeeded' }, [step(good1, 'http')], 5),
      on.opened.store.jobs.finishRun(lease(bad), { status: 'succeeded' }, [step(bad, 'ht\u0000tp')], 5),
      on.opened.store.jobs.finishRun(lease(good2), { status: 'succeeded' }, [step(good2, 'http')], 5),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await on.opened.store.runs.statusOf(good1)).toBe('succeeded');
    expect(await on.opened.store.runs.statusOf(bad)).toBe('running');
    expect(await on.opened.store.steps.forRun(bad)).toEqual([]);
    expect(await on.opened.store.runs.statusOf(good2)).toBe('succeeded');
    expect((await on.opened.store.jobs.finishRun(lease(bad), { status: 'succeeded' }, [], 6))?.changed).toBe(true);
  });

  it('a load that finds a corrupt row fails alone: the runs loaded in the same turn load', async () => {
    const [good, corrupt] = (await claimed(2)) as [string, string];
    await on.opened.store.jobs.holdAndRecord(lease(corrupt), 10 ** 6 + LEASE, [step(corrupt, 'code')]);
    await on.sql.query(`UPDATE steps SET output = '{not json' WHERE run_id = $1`, [corrupt]);
    const [a, b] = await Promise.allSettled([on.opened.store.runs.toContinue(good), on.opened.store.runs.toContinue(corrupt)]);
    expect(a.status === 'fulfilled' && a.value?.run.id).toBe(good);
    expect(b.status).toBe('rejected');
  });
});
