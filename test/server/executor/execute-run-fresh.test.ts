// The executor starting a run this process has just accepted from what ingest kept, instead of
// reading it back: on the store the suite runs on (a SQLite file, or PostgreSQL with
// SWITCHYARD_TEST_DATABASE=postgres), with real deliveries to a receiver on 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import { validateWorkflow } from '../../../shared/graph/validate-workflow.js';
import { createFreshRuns } from '../../../server/executor/fresh-runs.js';
import { triggerData } from '../../../server/executor/run-state.js';
import { createAcceptEvent } from '../../../server/ingest/accept-event.js';
import type { StepRecord } from '../../../server/engine/records.js';
import type { Store } from '../../../server/store/ports/store.js';
import { openPostgresStore } from '../../../server/store/postgres/open-postgres-store.js';
import { openSqliteFileStore } from '../../support/sqlite-file-store.js';
import { migratedPostgresDatabase } from '../../support/migrated-postgres.js';
import { startReceiver } from '../delivery/support.js';
import { countingExecutor } from './counting-executor.js';
import { event } from '../store/contract/contract-fixtures.js';
import { edge, node } from '../../support/workflows.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const T0 = 1_700_000_000_000;

async function openStore(): Promise<Store> {
  if (process.env.SWITCHYARD_TEST_DATABASE !== 'postgres') {
    const opened = openSqliteFileStore('fresh.db');
    cleanups.push(opened.close);
    return opened.store;
  }
  const database = await migratedPostgresDatabase();
  cleanups.push(database.drop);
  const opened = await openPostgresStore(database.url, { max: 4 });
  cleanups.push(opened.close);
  return opened.store;
}

/** A store holding workflow `wf` (webhook -> http, the body built from the trigger), an executor that starts runs from what `accept` kept, and a count of its loads. */
async function setUp() {
  const receiver = await startReceiver((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
  cleanups.push(receiver.close);
  const store = await openStore();
  const checked = validateWorkflow({
    name: 'fresh',
    nodes: [
      node('in', 'webhook'),
      node('out', 'http', { method: 'POST', url: `${receiver.url}/deliver`, body: { n: '{{ trigger.body.n }}', q: '{{ trigger.query.a }}', h: '{{ trigger.headers.kind }}' } }, 250),
    ],
    edges: [edge('in', 'out')],
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  await store.workflows.create('wf', checked.workflow, 0, null);
  const fresh = createFreshRuns();
  const { executeRun, execution, loads, statusReads, clock, versions } = countingExecutor({ store, at: T0, cleanup: (c) => cleanups.push(c), kept: { fresh } });
  const accept = createAcceptEvent(store, fresh);
  const e = event('wf', { headers: { 'content-type': 'application/json', kind: 'order' }, body: Buffer.from('{"n":7}'), receivedAt: T0 });
  const version = await versions('wf', 1);
  if (!version) throw new Error('no version');
  /** Accepts the event, handing ingest's trigger data along when `kept` (as the webhook handler does). */
  const acceptOne = async (kept: boolean) => {
    const out = await accept({ event: e, version: 1, concurrency: 4, trigger: kept ? triggerData({ ...e, id: 'x' }, version.trigger) : undefined });
    if (out.kind !== 'accepted') throw new Error(`expected an accepted event, got ${out.kind}`);
    return out.runId;
  };
  /** Claims one run as `owner`. */
  const claim = async (owner = 'w1') => {
    const [job] = await execution.claim(owner, 1, 30_000, clock.now());
    if (!job) throw new Error('nothing due');
    return job;
  };
  /** Claims one run as `owner` and carries it one turn. */
  const turn = async (owner = 'w1') => {
    const job = await claim(owner);
    await executeRun(job, owner, new AbortController().signal, () => undefined);
    return job;
  };
  /** The run's steps without what differs between two runs: ids, times, the per-run idempotency key, the receiver's clock. */
  const stepsOf = async (runId: string) => {
    const steps = ((await store.runs.toContinue(runId))?.steps ?? []).map(({ runId: _r, startedAt: _s, finishedAt: _f, ...rest }: StepRecord) => rest);
    return JSON.parse(
      JSON.stringify(steps)
        .replace(/sy_[\w-]{32}/g, 'KEY')
        .replace(/"date":"[^"]*"/g, '"date":""')
        .replace(/"(totalMs|headersMs)":\d+/g, '"$1":0'),
    ) as unknown;
  };
  return { store, receiver, fresh, loads, statusReads, acceptOne, claim, turn, executeRun, stepsOf };
}

describe('a run accepted by this process, claimed here first', () => {
  it('starts from what ingest kept, without reading the run back, and records what a run read back records', async () => {
    const t = await setUp();
    const kept = await t.acceptOne(true);
    const readBack = await t.acceptOne(false);
    expect(t.fresh.size).toBe(1);
    await t.turn();
    await t.turn();
    expect(t.loads).toEqual([readBack]);
    expect(t.fresh.size).toBe(0);
    expect((await t.store.runs.get(kept))?.status).toBe('succeeded');
    expect((await t.store.runs.get(readBack))?.status).toBe('succeeded');
    expect(await t.stepsOf(kept)).toEqual(await t.stepsOf(readBack));
    expect(t.receiver.got.map((r) => JSON.parse(r.body.toString()))).toEqual([
      { n: 7, q: '1', h: 'order' },
      { n: 7, q: '1', h: 'order' },
    ]);
  });

  it('is read back when another worker claimed it first', async () => {
    const t = await setUp();
    const runId = await t.acceptOne(true);
    // Another worker claims the run and hands it back (a graceful stop): the next claim is the second.
    const [theirs] = await t.store.jobs.claimJobs('w2', T0, 30_000, 1);
    expect(theirs?.claims).toBe(1);
    expect(await t.store.jobs.releaseLeases('w2', T0)).toBe(1);
    const job = await t.turn();
    expect(job.claims).toBe(2);
    expect(t.loads).toEqual([runId]);
    expect((await t.store.runs.get(runId))?.status).toBe('succeeded');
  });

  it('stops before it delivers when a cancel was stored after its claim, as its worker is told', async () => {
    const t = await setUp();
    const runId = await t.acceptOne(true);
    const job = await t.claim();
    // The kept row still says queued. A cancel is stored, then told to the worker that holds the
    // run (the pool's abortRun; one told before the run started here starts it aborted).
    expect(await t.store.runs.cancel(runId, { code: 'cancelled', message: 'Cancelled by a person.' }, T0 + 1)).toBe(true);
    const told = new AbortController();
    told.abort();
    await t.executeRun(job, 'w1', told.signal, () => undefined);
    expect(t.loads).toEqual([]);
    expect(t.receiver.got).toHaveLength(0);
    expect((await t.store.runs.get(runId))?.status).toBe('cancelled');
  });

  it('reads the cancel itself before it delivers when its claim did not say the run was live', async () => {
    const t = await setUp();
    const runId = await t.acceptOne(true);
    const { runActive: _said, ...job } = await t.claim();
    expect(await t.store.runs.cancel(runId, { code: 'cancelled', message: 'Cancelled by a person.' }, T0 + 1)).toBe(true);
    await t.executeRun(job, 'w1', new AbortController().signal, () => undefined);
    expect(t.statusReads).toEqual([runId]);
    expect(t.receiver.got).toHaveLength(0);
    expect((await t.store.runs.get(runId))?.status).toBe('cancelled');
  });

  it("takes its claim's word that the run is live where the store gives it (SQLite), and reads the status itself otherwise", async () => {
    const t = await setUp();
    const runId = await t.acceptOne(true);
    const job = await t.claim();
    await t.executeRun(job, 'w1', new AbortController().signal, () => undefined);
    expect(job.runActive).toBe(process.env.SWITCHYARD_TEST_DATABASE === 'postgres' ? undefined : true);
    expect(t.statusReads).toEqual(job.runActive ? [] : [runId]);
    expect((await t.store.runs.get(runId))?.status).toBe('succeeded');
  });
});
