import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import { PREVIEW_CHARS, TRUNCATED_FIELDS, truncatedPayload } from '../truncated-payload.js';

// The marker is every implementation's: it lives beside the ports; re-exported for the callers that name it here.
export { truncatedPayload, type TruncatedPayload } from '../truncated-payload.js';

const FIELDS = TRUNCATED_FIELDS;

/**
 * Shrinks a finished run's stored step records: an input, output or detail whose JSON is over
 * `maxBytes` becomes a `{truncated, bytes, preview}` marker. Only finished runs are touched,
 * because a run still under way reads its earlier outputs back when it resumes; the event the
 * run came from is kept whole, so a replay still has everything.
 */
export function createStepTruncation(db: Db, maxBytes = 0) {
  // octet_length reads the size from the record header: cheap for the usual small values.
  const s = {
    large: db.prepare(
      `SELECT frame, node_id AS nodeId, attempt,
              octet_length(input) > @max AS input, octet_length(output) > @max AS output, octet_length(detail) > @max AS detail
       FROM steps WHERE run_id = @runId AND (octet_length(input) > @max OR octet_length(output) > @max OR octet_length(detail) > @max)`,
    ),
    ...Object.fromEntries(
      FIELDS.map((f) => [
        f,
        {
          read: db.prepare(`SELECT ${f} AS value FROM steps WHERE run_id = ? AND frame = ? AND node_id = ? AND attempt = ?`).pluck(),
          write: db.prepare(`UPDATE steps SET ${f} = ? WHERE run_id = ? AND frame = ? AND node_id = ? AND attempt = ?`),
        },
      ]),
    ),
  } as { large: Statement<unknown[]> } & Record<(typeof FIELDS)[number], { read: Statement<unknown[]>; write: Statement<unknown[]> }>;

  /** Truncates the run's fields over `max` bytes (call inside a transaction); returns how many were replaced. */
  const truncate = (runId: string, max: number): number => {
    if (max <= 0) return 0;
    let replaced = 0;
    const rows = s.large.all({ runId, max }) as Array<{ frame: string; nodeId: string; attempt: number } & Record<(typeof FIELDS)[number], number | null>>;
    for (const row of rows) {
      for (const f of FIELDS) {
        if (row[f] !== 1) continue;
        const key = [runId, row.frame, row.nodeId, row.attempt] as const;
        const json = s[f].read.get(...key) as string | null;
        if (json === null) continue;
        s[f].write.run(JSON.stringify(truncatedPayload(json, Math.min(PREVIEW_CHARS, Math.floor(max / 2)))), ...key);
        replaced += 1;
      }
    }
    return replaced;
  };

  return {
    maxBytes,
    /** Truncates the run's oversized fields (call inside a transaction); returns how many were replaced. */
    truncateRun: (runId: string): number => truncate(runId, maxBytes),
    /** The same with a limit given per call (the retention port's `truncateStepPayloads`). */
    truncateRunTo: truncate,
  };
}
export type StepTruncation = ReturnType<typeof createStepTruncation>;
