import type { Sql } from './sql.js';
import { readJson } from '../json-column.js';
import { stepValues } from '../step-columns.js';
import type { StepError } from '../../../shared/runs/run-status.js';
import type { StepRecord } from '../../engine/records.js';

/** As stored: the JSON fields are text. */
export type RawStep = Pick<StepRecord, 'runId' | 'nodeId' | 'attempt' | 'status' | 'startedAt' | 'finishedAt'> & {
  frame: string;
  nextAttemptAt: number | null;
} & Record<'input' | 'output' | 'ports' | 'error' | 'logs' | 'detail', string | null>;

const cols = `run_id AS "runId", frame, node_id AS "nodeId", attempt, status, input, output, ports, error, logs, detail,
  started_at AS "startedAt", finished_at AS "finishedAt", next_attempt_at AS "nextAttemptAt"`;
const order = 'ORDER BY started_at, node_id, attempt';

export function toRecord(r: RawStep): StepRecord {
  const key = `${r.runId}/${r.frame}/${r.nodeId}/${r.attempt}`;
  const json = (t: string | null) => readJson(t, 'steps', key);
  return {
    ...r,
    input: json(r.input),
    output: json(r.output),
    ports: json(r.ports) as string[] | undefined,
    error: json(r.error) as StepError | undefined,
    logs: json(r.logs) as string[] | undefined,
    detail: json(r.detail) as Record<string, unknown> | undefined,
    nextAttemptAt: r.nextAttemptAt ?? undefined,
  };
}

/** Frames are `loop:3`, `outer:1/inner:0`: a pattern that matches the loop's items in `parent` and nothing nested below them. */
const itemFrames = (prefix: string) => `^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[0-9][^/]*$`;

/** Step attempts. A step with a succeeded attempt is never run again (the planner checks). */
export const postgresSteps = {
  async insert(q: Sql, r: StepRecord): Promise<void> {
    await q.run(
      `INSERT INTO steps (run_id, frame, node_id, attempt, status, input, output, ports, error, logs, detail, started_at, finished_at, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (run_id, frame, node_id, attempt) DO UPDATE SET status = excluded.status, input = excluded.input, output = excluded.output,
         ports = excluded.ports, error = excluded.error, logs = excluded.logs, detail = excluded.detail, started_at = excluded.started_at,
         finished_at = excluded.finished_at, next_attempt_at = excluded.next_attempt_at`,
      stepValues(r),
    );
  },
  forRun: async (q: Sql, runId: string) => (await q.rows<RawStep>(`SELECT ${cols} FROM steps WHERE run_id = $1 ${order}`, [runId])).map(toRecord),
  inFrame: async (q: Sql, runId: string, frame: string) => (await q.rows<RawStep>(`SELECT ${cols} FROM steps WHERE run_id = $1 AND frame = $2 ${order}`, [runId, frame])).map(toRecord),
  /** The end records of the items of loop `loopId` that runs in frame `parent`, in item order. */
  async iterations(q: Sql, runId: string, loopId: string, parent: string, offset: number, limit: number): Promise<StepRecord[]> {
    const prefix = `${parent ? `${parent}/` : ''}${loopId}:`;
    const rows = await q.rows<RawStep>(
      `SELECT ${cols} FROM steps WHERE run_id = $1 AND node_id = $2 AND frame ~ $3
       ORDER BY (detail::jsonb ->> 'index')::numeric NULLS FIRST, frame LIMIT $4 OFFSET $5`,
      [runId, loopId, itemFrames(prefix), limit, offset],
    );
    return rows.map(toRecord);
  },
};
