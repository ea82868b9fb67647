import type { StepError } from '../../shared/runs/run-status.js';
import type { RunRow } from '../engine/records.js';
import type { CompiledVersion } from '../engine/compiled-version.js';

/** What an error workflow receives as `trigger.body` about a run that failed. */
export interface ErrorSummary {
  workflow: { id: string; name: string };
  run: { id: string; status: 'failed'; startedAt: string | null; finishedAt: string | null; url: string };
  /** The failing step's own error code when a step failed (`http_client_error`), else the run's (`version_missing`). */
  error: { code: string; message: string; nodeId: string | null; nodeLabel: string | null };
  /** The failed run's `trigger.body`. */
  trigger: unknown;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Summarises a failed run for its error workflow. Pure. */
export function errorSummary(i: { run: RunRow; workflowName: string; version: CompiledVersion | undefined; error: StepError | undefined; triggerBody: unknown; publicUrl: string }): ErrorSummary {
  const nodeId = typeof i.error?.nodeId === 'string' ? i.error.nodeId : null;
  const node = nodeId ? i.version?.nodes.get(nodeId) : undefined;
  const cause = typeof i.error?.cause === 'string' ? i.error.cause : undefined;
  return {
    workflow: { id: i.run.workflowId, name: i.workflowName },
    run: { id: i.run.id, status: 'failed', startedAt: iso(i.run.startedAt), finishedAt: iso(i.run.finishedAt), url: `${i.publicUrl}/runs/${encodeURIComponent(i.run.id)}` },
    error: { code: cause ?? i.error?.code ?? 'unknown', message: i.error?.message ?? 'The run failed.', nodeId, nodeLabel: nodeId ? (node?.label ?? nodeId) : null },
    trigger: i.triggerBody,
  };
}
