// A parent run parking on a sub-workflow step while its child ends, in two overlapping
// transactions from two pools (as two worker processes). In READ COMMITTED each side could read
// before the other committed: the park finds no ended child, the child's end finds no waiting
// step, and the parent sleeps until its step's timeout. The gates below force exactly that
// interleaving; the parent lock (RunPort.lockAsParent) must make one side see the other.
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../../server/store/postgres/open-postgres-store.js';
import { createExecutionStore, type RunHooks } from '../../../../server/executor/execution-store.js';
import { createRunTree } from '../../../../server/services/child-runs-tree.js';
import type { Store } from '../../../../server/store/ports/store.js';
import { definition, event } from '../contract/contract-fixtures.js';
import { freshPostgresDatabase } from '../../../support/postgres.js';

const database = freshPostgresDatabase();
afterAll(async () => (await database).drop());

/** A promise with its resolve, to hand a turn from one transaction to the other. */
function gate(): { open: () => void; passed: Promise<void> } {
  let open = () => {};
  const passed = new Promise<void>((resolve) => (open = resolve));
  return { open, passed };
}

async function start(store: Store, parent?: string) {
  const lineage = parent ? { parent: { runId: parent, nodeId: 'call', waits: true }, depth: 1, errorOf: null } : undefined;
  const r = await store.runs.startRun({ workflowId: 'wf', version: 1, concurrency: 10, now: 1_000, event: { kind: 'new', event: event('wf') }, lineage });
  if (r.kind !== 'started') throw new Error(`not started: ${r.kind}`);
  return r.runId;
}

describe('a parent parking while its child ends, in overlapping transactions', () => {
  it('wakes the parent: the side that takes the parent lock second reads what the first committed', async () => {
    const { url } = await database;
    const one = await openPostgresStore(url, { max: 2 });
    const two = await openPostgresStore(url, { max: 2 });
    try {
      await one.store.workflows.create('wf', definition('wf'), 0, null);
      const parent = await start(one.store);
      const [claimed] = await one.store.jobs.claimJobs('w1', 1_000, 60_000, 1);
      expect(claimed?.runId).toBe(parent);
      const child = await start(one.store, parent);

      const stepInserted = gate();
      const childEnded = gate();
      const parkRead = gate();
      const tree = createRunTree();
      // Around the run tree's own park hook: hold the park after its step is written, until the
      // child's end is written (not committed); then let the child's side go on.
      const holdPark: RunHooks = {
        onPark: async (_tx, { until }) => {
          stepInserted.open();
          await childEnded.passed;
          return until;
        },
      };
      const afterRead: RunHooks = {
        onPark: async (_tx, { until }) => {
          parkRead.open();
          return until;
        },
      };
      const execution = createExecutionStore({ store: one.store, hooks: [holdPark, tree.hooks, afterRead] });
      const waiting = { runId: parent, nodeId: 'call', attempt: 1, status: 'waiting' as const, startedAt: 1_100, finishedAt: 1_100, nextAttemptAt: 900_000 };
      const park = execution.apply({ runId: parent, owner: 'w1', claims: claimed?.claims ?? 0, now: 1_100, steps: [waiting], waitUntil: 900_000, stepsWaiting: true });

      const end = two.store.write(async (tx) => {
        await stepInserted.passed;
        await tx.runs.finish(child, 'succeeded', undefined, 1_200);
        childEnded.open();
        const ended = await tx.runs.get(child);
        if (ended) await tree.wakeParentOf(tx, ended, 1_300);
        // Commit only once the park has made its own read (without the lock, both read too early).
        await parkRead.passed;
      });
      await Promise.all([park, end]);

      const [step] = await one.store.steps.forRun(parent);
      expect(step?.nextAttemptAt).toBe(1_300);
      // The parent's job is due again at the wake, not at its step's timeout.
      expect((await one.store.jobs.claimJobs('w2', 1_300, 60_000, 10)).map((j) => j.runId)).toContain(parent);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
