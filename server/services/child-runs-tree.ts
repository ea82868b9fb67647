import type { StoreTx } from '../store/ports/store.js';
import type { RunHooks } from '../executor/execution-store.js';
import type { RunRow } from '../engine/records.js';

export interface RunTreeDeps {
  /** Tells the workers to stop a run they are executing (it was cancelled with its parent). */
  onCancelled?: (runId: string) => void;
}

/**
 * Keeps parents and the children they wait for in step, inside the caller's unit of work
 * (`tx` operations only): a child that ends wakes its waiting parent at once, and a parent
 * that ends without its children's results takes them down with it.
 */
export function createRunTree(d: RunTreeDeps = {}) {
  /** Makes the waiting step of `child`'s parent due now, and the parent's job with it. */
  const wakeParentOf = async (tx: StoreTx, child: RunRow, now: number): Promise<void> => {
    if (!child.parentRunId || !child.parentWaits) return;
    // Ordered against the parent's park (hooks.beforePark): one of the two sees the other's commit.
    await tx.runs.lockAsParent(child.parentRunId);
    if ((await tx.runs.wakeParentSteps(child.parentRunId, now)) > 0) await tx.jobs.wakeNow(child.parentRunId, now);
  };

  /** Cancels the unfinished children `runId` waits for, and theirs, depth first; returns their ids. */
  const cancelWaitedChildren = async (tx: StoreTx, runId: string, now: number): Promise<string[]> => {
    const cancelled: string[] = [];
    const visit = async (parentId: string) => {
      for (const id of await tx.runs.waitedChildren(parentId)) {
        if (!(await tx.runs.cancel(id, { code: 'cancelled', message: `Cancelled because its parent run ${runId} ended without waiting for it.` }, now))) continue;
        await tx.jobs.cancelIdle(id, now);
        cancelled.push(id);
        await visit(id);
      }
    };
    await visit(runId);
    for (const id of cancelled) d.onCancelled?.(id);
    return cancelled;
  };

  const hooks: RunHooks = {
    // A run that succeeded with no parent waiting for it has nothing to wake nor to cancel (the
    // run's copy serves: it was read without a parent, or with one, and that never changes).
    actsOnFinish: ({ status, run }) => status !== 'succeeded' || !run || Boolean(run.parentRunId && run.parentWaits),
    async onFinish(tx, { runId, status, now, run: held }) {
      // The worker's copy of the run serves: the parent it waits for is set at its start and never changes.
      const run = held ?? (await tx.runs.get(runId));
      if (run) await wakeParentOf(tx, run, now);
      // A parent that failed or was cancelled no longer waits for anything.
      if (status !== 'succeeded') await cancelWaitedChildren(tx, runId, now);
    },
    // The park and a child's end take the parent's lock before writing its rows (no deadlock
    // between them), so the one that takes it second reads what the first committed.
    beforePark: (tx, { runId }) => tx.runs.lockAsParent(runId),
    // A child may end between its parent's step parking and the parent's turn ending: then
    // the wake above found nothing parked yet, so the parent looks once more before sleeping.
    onPark: async (tx, { runId, until, now }) => ((await tx.runs.wakeParentSteps(runId, now)) > 0 ? now : until),
    // Only a step parked `waiting` can be waiting for a child: a run parked for a retry has none.
    actsOnPark: ({ stepsWaiting }) => stepsWaiting,
  };

  return { wakeParentOf, cancelWaitedChildren, hooks };
}
export type RunTree = ReturnType<typeof createRunTree>;
