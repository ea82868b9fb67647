import type { Logger } from 'pino';
import type { StoreTx } from '../store/ports/store.js';
import type { RunHooks } from '../executor/execution-store.js';
import { triggerData, type VersionCache } from '../executor/run-state.js';
import { errorSummary } from './error-workflow-summary.js';

export interface ErrorWorkflowDeps {
  versions: VersionCache;
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
  const start = async (tx: StoreTx, runId: string, now: number): Promise<void> => {
    const run = await tx.runs.get(runId);
    if (!run || run.errorOf) return;
    const version = await d.versions(run.workflowId, run.version);
    const targetId = version?.definition.settings.errorWorkflowId;
    if (!version || !targetId) return;
    const target = await tx.workflows.get(targetId);
    const targetVersion = target?.active ? await d.versions(target.id, target.publishedVersion ?? target.currentVersion) : undefined;
    if (!target || !targetVersion) {
      d.logger.warn({ runId, workflowId: run.workflowId, errorWorkflowId: targetId }, `error workflow ${target ? 'is not active' : 'does not exist'}; no error run started`);
      return;
    }
    const event = await tx.runs.getEvent(run.eventId);
    const summary = errorSummary({
      run,
      workflowName: (await tx.workflows.get(run.workflowId))?.name ?? version.definition.name,
      version,
      error: run.error,
      triggerBody: event ? triggerData(event, version.trigger).body : null,
      publicUrl: d.publicUrl,
    });
    const started = await tx.runs.startRun({
      workflowId: target.id,
      version: target.publishedVersion ?? target.currentVersion,
      concurrency: targetVersion.definition.settings.concurrency ?? d.defaultConcurrency,
      now,
      lineage: { errorOf: run.id },
      event: {
        kind: 'new',
        event: {
          workflowId: target.id,
          nodeId: targetVersion.trigger.id,
          dedupeKey: `error-of:${run.id}`,
          method: 'ERROR',
          path: '/error-workflow',
          query: {},
          headers: { 'content-type': 'application/json', 'x-switchyard-failed-run': run.id },
          body: Buffer.from(JSON.stringify(summary)),
          receivedAt: now,
        },
      },
    });
    if (started.kind === 'duplicate') return; // this failure was reported already
    d.onQueued();
  };

  return {
    actsOnFinish: ({ status }) => status === 'failed',
    async onFinish(tx, { runId, status, now, changed }) {
      if (!changed || status !== 'failed') return;
      // A broken error workflow must not keep the failure itself from being recorded.
      try {
        await start(tx, runId, now);
      } catch (err) {
        d.logger.error({ err, runId }, 'could not start the error workflow');
      }
    },
  };
}
