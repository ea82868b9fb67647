import type { Db } from './database.js';
import { readJson } from './json-column.js';
import { stepValues } from '../step-columns.js';
import type { StepError, StepStatus } from '../../../shared/runs/run-status.js';
import type { StepRecord } from '../../engine/records.js';

interface RawStep {
  run_id: string;
  frame: string;
  node_id: string;
  attempt: number;
  status: StepStatus;
  input: string | null;
  output: string | null;
  ports: string | null;
  error: string | null;
  logs: string | null;
  detail: string | null;
  started_at: number;
  finished_at: number | null;
  next_attempt_at: number | null;
}

function toRecord(r: RawStep): StepRecord {
  const key = `${r.run_id}/${r.frame}/${r.node_id}/${r.attempt}`;
  const json = (t: string | null) => readJson(t, 'steps', key);
  return {
    runId: r.run_id,
    frame: r.frame,
    nodeId: r.node_id,
    attempt: r.attempt,
    status: r.status,
    input: json(r.input),
    output: json(r.output),
    ports: json(r.ports) as string[] | undefined,
    error: json(r.error) as StepError | undefined,
    logs: json(r.logs) as string[] | undefined,
    detail: json(r.detail) as Record<string, unknown> | undefined,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    nextAttemptAt: r.next_attempt_at ?? undefined,
  };
}

/** Step attempts. A step with a succeeded attempt is never run again (the planner checks). */
export function createStepRepo(db: Db) {
  const s = {
    insert: db.prepare(
      `INSERT OR REPLACE INTO steps (run_id, frame, node_id, attempt, status, input, output, ports, error, logs, detail, started_at, finished_at, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    forRun: db.prepare('SELECT * FROM steps WHERE run_id = ? ORDER BY started_at, node_id, attempt'),
    // octet_length reads each size from the record header; the run's rows come from the steps key.
    largest: db
      .prepare(
        `SELECT coalesce(max(max(coalesce(octet_length(input), 0), coalesce(octet_length(output), 0), coalesce(octet_length(detail), 0))), 0)
         FROM steps WHERE run_id = ?`,
      )
      .pluck(),
    inFrame: db.prepare('SELECT * FROM steps WHERE run_id = ? AND frame = ? ORDER BY started_at, node_id, attempt'),
    // Node ids are [A-Za-z0-9_-], so they are safe inside a GLOB pattern.
    iterations: db.prepare(
      `SELECT * FROM steps WHERE run_id = ? AND node_id = ? AND frame GLOB ? AND frame NOT GLOB ?
       ORDER BY CAST(json_extract(detail, '$.index') AS INTEGER) LIMIT ? OFFSET ?`,
    ),
  };
  return {
    insert(r: StepRecord): void {
      s.insert.run(...stepValues(r));
    },
    /** The size in bytes of the largest input, output or detail the run's attempts hold (0 for none). */
    largestPayload: (runId: string) => s.largest.get(runId) as number,
    /** Every attempt of the run, in every frame. */
    forRun: (runId: string) => (s.forRun.all(runId) as RawStep[]).map(toRecord),
    /** The attempts of one frame ('' for the top level). */
    inFrame: (runId: string, frame: string) => (s.inFrame.all(runId, frame) as RawStep[]).map(toRecord),
    /** The end records of the items of loop `loopId` that runs in frame `parent`, in item order. */
    iterations(runId: string, loopId: string, parent: string, offset: number, limit: number) {
      const prefix = `${parent ? `${parent}/` : ''}${loopId}:`;
      return (s.iterations.all(runId, loopId, `${prefix}[0-9]*`, `${prefix}*/*`, limit, offset) as RawStep[]).map(toRecord);
    },
  };
}
export type StepRepo = ReturnType<typeof createStepRepo>;
