// The executor continuing a run it parked for a retry from memory: on a real SQLite file, with
// real deliveries to a receiver on 127.0.0.1, turn by turn on a manual clock.
import { afterEach, describe, expect, it } from 'vitest';
import { validateWorkflow } from '../../../shared/graph/validate-workflow.js';
import type { WorkflowDefinitionInput } from '../../../shared/graph/workflow-schema.js';
import { createParkedRuns } from '../../../server/executor/parked-runs.js';
import { openSqliteFileStore } from '../../support/sqlite-file-store.js';
import { startReceiver } from '../delivery/support.js';
import { countingExecutor } from './counting-executor.js';
import { event } from '../store/contract/contract-fixtures.js';
import { edge, node } from '../../support/workflows.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const T0 = 1_700_000_000_000;
const RETRY = { attempts: 5, schedule: ['1s'] };

/**
 * A store holding workflow `wf` (`graph`), an executor over it that keeps parked runs, and a count
 * of its loads. `beforeAnswer` runs before the receiver answers request `n`.
 */
async function setUp(graph: (url: string) => WorkflowDefinitionInput, answers: number[], beforeAnswer?: (n: number) => Promise<unknown>) {
  const receiver = await startReceiver((_req, res, _body, n) => {
    void (beforeAnswer?.(n) ?? Promise.resolve()).then(() => {
      res.writeHead(answers[n - 1] ?? 200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  cleanups.push(receiver.close);
  const opened = openSqliteFileStore('parked.db');
  cleanups.push(opened.close);
  const { store } = opened;
  const checked = validateWorkflow(graph(`${receiver.url}/deliver`));
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  await store.workflows.create('wf', checked.workflow, 0, null);
  const parked = createParkedRuns();
  const { executeRun, execution, loads, statusReads, clock } = countingExecutor({ store, at: T0, cleanup: (c) => cleanups.push(c), kept: { parked } });
  const started = await store.runs.startRun({ workflowId: 'wf', version: 1, concurrency: 4, now: T0, event: { kind: 'new', event: event('wf', { nodeId: 'in', body: Buffer.from('{"n":7}') }) } });
  if (started.kind !== 'started') throw new Error('expected a started run');
  /**
   * Claims as worker `owner` at `at` and carries the claimed run one turn; returns the claim's
   * number. `between` runs after the claim and may hand the run's signal.
   */
  const turn = async (at: number, owner = 'w1', between?: () => Promise<AbortSignal>) => {
    clock.set(at);
    const [job] = await execution.claim(owner, 1, 30_000, at);
    if (!job) throw new Error(`nothing due at ${at}`);
    const signal = between ? await between() : new AbortController().signal;
    await executeRun(job, owner, signal, () => undefined);
    return job.claims;
  };
  const attempts = async () => (await store.runs.toContinue(started.runId))?.steps.filter((s) => s.nodeId === 'out').map((s) => [s.attempt, s.status]);
  return { store, receiver, runId: started.runId, loads, statusReads, parked, turn, attempts };
}

const hookToHttp = (url: string): WorkflowDefinitionInput => ({
  name: 'retried',
  nodes: [node('in', 'webhook'), node('out', 'http', { method: 'POST', url, body: { n: '{{ trigger.body.n }}' }, retry: RETRY }, 250)],
  edges: [edge('in', 'out')],
});

describe('a run parked for a retry, continued from memory', () => {
  it('is claimed next by the process that parked it and continues without reading the run back, as a fresh read would', async () => {
    const t = await setUp(hookToHttp, [500, 500, 200]);
    await t.turn(T0);
    expect(await t.attempts()).toEqual([[1, 'retrying']]);
    await t.turn(T0 + 2_000);
    await t.turn(T0 + 4_000);
    // One read, at the first claim: each retry continued from what its park left in memory. No
    // status read either: each claim's move to running said the run was live.
    expect(t.loads).toEqual([t.runId]);
    expect(t.statusReads).toEqual([]);
    expect(await t.attempts()).toEqual([
      [1, 'retrying'],
      [2, 'retrying'],
      [3, 'succeeded'],
    ]);
    expect((await t.store.runs.get(t.runId))?.status).toBe('succeeded');
    // The same delivery each time: the body from the trigger kept in memory, one idempotency key.
    expect(t.receiver.got.map((r) => r.body.toString())).toEqual(['{"n":7}', '{"n":7}', '{"n":7}']);
    expect(new Set(t.receiver.got.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(t.parked.size).toBe(0);
  });

  it('is read again when another worker claimed it in between, and sees what that worker recorded', async () => {
    const t = await setUp(hookToHttp, [500, 200]);
    const mine = await t.turn(T0);
    // Another worker claims the run, records a failed attempt 2 of its own, and parks it again.
    const [theirs] = await t.store.jobs.claimJobs('w2', T0 + 2_000, 30_000, 1);
    expect(theirs?.claims).toBe(mine + 1);
    const failed = {
      runId: t.runId,
      frame: '',
      nodeId: 'out',
      attempt: 2,
      status: 'retrying' as const,
      error: { code: 'http_server_error', message: 'elsewhere' },
      startedAt: T0 + 2_000,
      finishedAt: T0 + 2_001,
      nextAttemptAt: T0 + 3_000,
    };
    expect(await t.store.jobs.parkRun({ runId: t.runId, owner: 'w2', claims: theirs?.claims ?? 0 }, T0 + 3_000, [failed], T0 + 2_001)).toBe('parked');
    await t.turn(T0 + 3_000);
    expect(t.loads).toEqual([t.runId, t.runId]);
    expect(await t.attempts()).toEqual([
      [1, 'retrying'],
      [2, 'retrying'],
      [3, 'succeeded'],
    ]);
  });

  it('stops at its next claim when a cancel was stored while it waited, without delivering again', async () => {
    const t = await setUp(hookToHttp, [500, 200]);
    await t.turn(T0);
    // The cancel lands as the park is written: the run is cancelled while its job still waits for the retry.
    expect(await t.store.runs.cancel(t.runId, { code: 'cancelled', message: 'Cancelled by a person.' }, T0 + 10)).toBe(true);
    await t.turn(T0 + 2_000);
    expect(t.receiver.got).toHaveLength(1);
    expect((await t.store.runs.get(t.runId))?.status).toBe('cancelled');
    expect(await t.store.jobs.claimJobs('w1', T0 + 60_000, 30_000, 1)).toEqual([]);
  });

  it('stops at its next claim without delivering again when a cancel stored after that claim was told to its worker', async () => {
    const t = await setUp(hookToHttp, [500, 200]);
    await t.turn(T0);
    // Claimed (the run is live), then cancelled before its retry starts: the cancel reaches the
    // worker as an aborted signal (the pool's abortRun), not through a read of the run.
    await t.turn(T0 + 2_000, 'w1', async () => {
      expect(await t.store.runs.cancel(t.runId, { code: 'cancelled', message: 'Cancelled by a person.' }, T0 + 2_000)).toBe(true);
      const told = new AbortController();
      told.abort();
      return told.signal;
    });
    expect(t.receiver.got).toHaveLength(1);
    expect((await t.store.runs.get(t.runId))?.status).toBe('cancelled');
    // No second attempt: the waiting one ends with the run.
    expect(await t.attempts()).toEqual([[1, 'cancelled']]);
  });

  it('ends cancelled instead of parking when a cancel was stored while its attempt was out, with the attempt recorded', async () => {
    let runId = '';
    let cancel = async () => false;
    const t = await setUp(hookToHttp, [500, 200], (n) => (n === 1 ? cancel() : Promise.resolve()));
    ({ runId } = t);
    cancel = () => t.store.runs.cancel(runId, { code: 'cancelled', message: 'Cancelled by a person.' }, T0 + 10);
    await t.turn(T0);
    // The park read the cancel in its own unit: nothing parked, the run ended as cancelled with attempt 1.
    expect(t.receiver.got).toHaveLength(1);
    expect((await t.store.runs.get(t.runId))?.status).toBe('cancelled');
    expect(await t.attempts()).toEqual([[1, 'retrying']]);
    expect(t.parked.size).toBe(0);
    expect(await t.store.jobs.claimJobs('w1', T0 + 60_000, 30_000, 1)).toEqual([]);
  });

  it('is not kept when a step waits parked (`waiting`): its next claim reads the run', async () => {
    const t = await setUp(
      (url) => ({
        name: 'delayed',
        nodes: [node('in', 'webhook'), node('pause', 'delay', { duration: '1s' }, 150), node('out', 'http', { method: 'POST', url, body: { n: '{{ trigger.body.n }}' }, retry: RETRY }, 300)],
        edges: [edge('in', 'pause'), edge('pause', 'out')],
      }),
      [200],
    );
    await t.turn(T0);
    expect(t.parked.size).toBe(0);
    await t.turn(T0 + 2_000);
    expect(t.loads).toEqual([t.runId, t.runId]);
    expect((await t.store.runs.get(t.runId))?.status).toBe('succeeded');
  });
});
