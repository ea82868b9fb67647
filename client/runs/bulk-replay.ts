import type { BulkReplayRequest, ReplayVersion } from '../api/run-control.js';

/** The filter and options of a bulk replay, as the form holds them (times as `datetime-local` text). */
export interface BulkReplayForm {
  workflowId: string;
  status: string;
  errorCode: string;
  from: string;
  to: string;
  replayFrom: 'start' | 'failedStep';
  version: ReplayVersion;
}

/** A local `datetime-local` value as ISO; empty stays empty. */
const iso = (local: string): string | undefined => {
  if (!local) return undefined;
  const t = new Date(local).getTime();
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
};

/** The API request for a form, counting only (`dryRun`) or for real. */
export function bulkRequest(f: BulkReplayForm, dryRun: boolean): BulkReplayRequest {
  return {
    workflowId: f.workflowId || undefined,
    status: f.status || undefined,
    errorCode: f.errorCode.trim() || undefined,
    from: iso(f.from),
    to: iso(f.to),
    replayFrom: f.replayFrom,
    version: f.version,
    dryRun,
  };
}
