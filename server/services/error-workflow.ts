import type { Logger } from 'pino';
import { newId } from '../lib/ids.js';
import type { EventRepo } from '../store/sqlite/event-repo.js';
import type { JobRepo } from '../store/sqlite/job-repo.js';
import type { RunRepo } from '../store/sqlite/run-repo.js';
import type { WorkflowRepo } from '../store/sqlite/workflow-repo.js';
import type { RunHooks } from '../executor/execution-store.js';
import { triggerData, type VersionCache } from '../executor/run-state.js';
import { errorSummary } from './error-workflow-summary.js';

export interface ErrorWorkflowDeps {
  workflows: WorkflowRepo;
  versions: VersionCache;
  events: EventRepo;
  runs: RunRepo;
  jobs: JobRepo;
  logger: Logger;
  publicUrl: string;
  defaultConcurrency: number;
  /** Tells the workers a run is queued (safe inside the transaction: claims queue behind it). */
  onQueued: () => void;
}

/**
 * Starts a workflow's error workflow when one of its runs fails for good, in the transaction
 * that records the failure, so the report is never lost nor sent twice. Runs of error
 * workflows (and the runs they start) never report their own failures: no loops.
 */
export function createErrorWorkflowHook(d: ErrorWorkflowDeps): RunHooks {
  const start = (runId: string, now: number): void => {
    const run = d.runs.get(runId);
    if (!run || run.errorOf) return;
    const version = d.versions(run.workflowId, run.version);
    const targetId = version?.definition.settings.errorWorkflowId;
    if (!version || !targetId) return;
    const target = d.workflows.get(targetId);
    const targetVersion = target?.active ? d.versions(target.id, target.currentVersion) : undefined;
    if (!target || !targetVersion) {
      d.logger.warn({ runId, workflowId: run.workflowId, errorWorkflowId: targetId }, `error workflow ${target ? 'is not active' : 'does not exist'}; no error run started`);
      return;
    }
    const event = d.events.get(run.eventId);
    const summary = errorSummary({
      run,
      workflowName: d.workflows.get(run.workflowId)?.name ?? version.definition.name,
      version,
      error: run.error,
      triggerBody: event ? triggerData(event, version.trigger).body : null,
      publicUrl: d.publicUrl,
    });
    const eventId = newId('evt', now);
    const errorRunId = newId('run', now);
    const stored = d.events.insert({
      id: eventId,
      workflowId: target.id,
      nodeId: targetVersion.trigger.id,
      dedupeKey: `error-of:${run.id}`,
      method: 'ERROR',
      path: '/error-workflow',
      query: {},
      headers: { 'content-type': 'application/json', 'x-switchyard-failed-run': run.id },
      body: Buffer.from(JSON.stringify(summary)),
      receivedAt: now,
    });
    if (!stored) return; // this failure was reported already
    d.runs.insert({ id: errorRunId, workflowId: target.id, version: target.currentVersion, eventId, replayOf: null, createdAt: now, errorOf: run.id });
    d.jobs.insert(errorRunId, target.id, now, targetVersion.definition.settings.concurrency ?? d.defaultConcurrency, now);
    d.onQueued();
  };

  return {
    onFinish({ runId, status, now, changed }) {
      if (!changed || status !== 'failed') return;
      // A broken error workflow must not keep the failure itself from being recorded.
      try {
        start(runId, now);
      } catch (err) {
        d.logger.error({ err, runId }, 'could not start the error workflow');
      }
    },
  };
}
