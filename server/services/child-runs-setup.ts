import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import type { Store } from '../store/ports/store.js';
import type { RunHooks } from '../executor/execution-store.js';
import type { VersionCache } from '../executor/run-state.js';
import { createSubworkflowRunner } from '../runners/subworkflow.runner.js';
import { createChildRuns } from './child-runs.js';
import { createRunTree } from './child-runs-tree.js';
import { createErrorWorkflowHook } from './error-workflow.js';

export interface RunsStartedByRunsDeps {
  store: Store;
  versions: VersionCache;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  defaultConcurrency: number;
  /** Tells the workers a run is queued or due (called late: the pool is built after the runners). */
  wake: () => void;
  /** Tells the workers to stop a run they are executing. */
  abortRun: (runId: string) => void;
}

/**
 * Runs started by other runs, wired once for the composition root: the Sub-workflow step's
 * runner, and the execution store hooks that wake waiting parents and start error workflows.
 */
export function createRunsStartedByRuns(d: RunsStartedByRunsDeps): { subworkflowRunner: ReturnType<typeof createSubworkflowRunner>; hooks: RunHooks[] } {
  const common = { versions: d.versions, defaultConcurrency: d.defaultConcurrency, onQueued: d.wake };
  const children = createChildRuns({ ...common, store: d.store, clock: d.clock, onCancelled: d.abortRun });
  const tree = createRunTree({ onCancelled: d.abortRun });
  const errorWorkflows = createErrorWorkflowHook({ ...common, logger: d.logger, publicUrl: d.publicUrl });
  return { subworkflowRunner: createSubworkflowRunner(children), hooks: [tree.hooks, errorWorkflows] };
}
