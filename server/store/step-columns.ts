import { writeJson } from './json-column.js';
import type { StepRecord } from '../engine/records.js';

/**
 * A step attempt's column values, in the order every implementation's INSERT names them:
 * run_id, frame, node_id, attempt, status, input, output, ports, error, logs, detail,
 * started_at, finished_at, next_attempt_at. JSON fields as text, absent ones as NULL.
 */
export const stepValues = (r: StepRecord) =>
  [
    r.runId,
    r.frame ?? '',
    r.nodeId,
    r.attempt,
    r.status,
    writeJson(r.input),
    writeJson(r.output),
    writeJson(r.ports),
    writeJson(r.error),
    writeJson(r.logs),
    writeJson(r.detail),
    r.startedAt,
    r.finishedAt,
    r.nextAttemptAt ?? null,
  ] as const;
