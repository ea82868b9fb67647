import type { JobRepo } from '../store/sqlite/job-repo.js';
import type { RunRepo } from '../store/sqlite/run-repo.js';
import type { RunHooks } from '../executor/execution-store.js';
import type { RunRow } from '../engine/records.js';

export interface RunTreeDeps {
  runs: Pick<RunRepo, 'get' | 'cancel' | 'waitedChildren' | 'wakeParentSteps'>;
  jobs: Pick<JobRepo, 'cancelIdle' | 'wakeNow'>;
  /** Tells the workers to stop a run they are executing (it was cancelled with its parent). */
  onCancelled?: (runId: string) => void;
}

/**
 * Keeps parents and the children they wait for in step, inside the caller's transaction
 * (synchronous repository calls only): a child that ends wakes its waiting parent at once,
 * and a parent that ends without its children's results takes them down with it.
 */
export function createRunTree(d: RunTreeDeps) {
  /** Makes the waiting step of `child`'s parent due now, and the parent's job with it. */
  const wakeParentOf = (child: RunRow, now: number): void => {
    if (!child.parentRunId || !child.parentWaits) return;
    if (d.runs.wakeParentSteps(child.parentRunId, now) > 0) d.jobs.wakeNow(child.parentRunId, now);
  };

  /** Cancels the unfinished children `runId` waits for, and theirs, depth first; returns their ids. */
  const cancelWaitedChildren = (runId: string, now: number): string[] => {
    const cancelled: string[] = [];
    const visit = (parentId: string) => {
      for (const id of d.runs.waitedChildren(parentId)) {
        if (!d.runs.cancel(id, { code: 'cancelled', message: `Cancelled because its parent run ${runId} ended without waiting for it.` }, now)) continue;
        d.jobs.cancelIdle(id, now);
        cancelled.push(id);
        visit(id);
      }
    };
    visit(runId);
    for (const id of cancelled) d.onCancelled?.(id);
    return cancelled;
  };

  const hooks: RunHooks = {
    onFinish({ runId, status, now }) {
      const run = d.runs.get(runId);
      if (run) wakeParentOf(run, now);
      // A parent that failed or was cancelled no longer waits for anything.
      if (status !== 'succeeded') cancelWaitedChildren(runId, now);
    },
    // A child may end between its parent's step parking and the parent's turn ending: then
    // the wake above found nothing parked yet, so the parent looks once more before sleeping.
    onPark: ({ runId, until, now }) => (d.runs.wakeParentSteps(runId, now) > 0 ? now : until),
  };

  return { wakeParentOf, cancelWaitedChildren, hooks };
}
export type RunTree = ReturnType<typeof createRunTree>;
