import type { Sql } from './sql.js';
import type { RowCounts, StateCount, StorageSample, StorageSnapshot, WorkflowQueueCount } from '../ports/stats.js';

const sampleCols = `at, db_bytes AS "dbBytes", wal_bytes AS "walBytes", free_bytes AS "freeBytes"`;

/**
 * Counts for metrics and queue visibility, and the size samples behind "growth" in settings.
 * The scrape-time counts read through indexes over unfinished rows only (jobs_ready,
 * runs_status_created), so their cost follows the backlog, not the history.
 */
export const postgresStats = {
  /** Jobs due at `now` that no worker holds, and when the oldest of them became due. */
  async queueDue(q: Sql, now: number): Promise<{ n: number; oldestAt: number | null }> {
    const r = await q.one<{ n: number; oldestAt: number | null }>(`SELECT count(*) AS n, min(run_at) AS "oldestAt" FROM jobs WHERE status IN ('queued', 'retry_wait') AND run_at <= $1`, [now]);
    return { n: r?.n ?? 0, oldestAt: r?.oldestAt ?? null };
  },
  activeRuns: (q: Sql) => q.rows<StateCount>(`SELECT status, count(*) AS n FROM runs WHERE status IN ('queued', 'running', 'waiting') GROUP BY status ORDER BY status`),
  /** A waiting run is "retrying" when some step's latest attempt (in its frame) failed and is scheduled again. */
  perWorkflow: (q: Sql) =>
    q.rows<WorkflowQueueCount>(
      `SELECT "workflowId", state, count(*) AS n, min(created_at) AS "oldestAt" FROM (
         SELECT workflow_id AS "workflowId", created_at,
                CASE WHEN status = 'waiting' AND EXISTS (
                       SELECT 1 FROM steps s WHERE s.run_id = r.id AND s.status = 'retrying'
                         AND NOT EXISTS (SELECT 1 FROM steps l WHERE l.run_id = s.run_id AND l.frame = s.frame AND l.node_id = s.node_id AND l.attempt > s.attempt))
                     THEN 'retrying' ELSE status END AS state
         FROM runs r WHERE status IN ('queued', 'running', 'waiting')) u
       GROUP BY "workflowId", state ORDER BY "workflowId", state`,
    ),
  /** Row counts of the tables that grow (a scan each: for the settings page, not for scrapes). */
  async rowCounts(q: Sql): Promise<RowCounts> {
    const r = await q.one<RowCounts>(
      `SELECT (SELECT count(*) FROM workflows) AS workflows, (SELECT count(*) FROM runs) AS runs, (SELECT count(*) FROM steps) AS steps, (SELECT count(*) FROM events) AS events`,
    );
    return r ?? { workflows: 0, runs: 0, steps: 0, events: 0 };
  },
  /**
   * The store's footprint, in the port's SQLite-named fields (ports/stats.ts, docs/scale-out.md):
   * `dbBytes` every table of this store's schema with its indexes and TOAST
   * (pg_total_relation_size), `walBytes` 0 (the WAL belongs to the whole server, not to one
   * database), `freeBytes` the estimated space of dead rows that VACUUM makes reusable (the
   * statistics collector's dead-row share of each table), `pageSize` the block size, and
   * `autoVacuum` 'incremental' while autovacuum is on: it reclaims space a little at a time.
   */
  async storageSize(q: Sql): Promise<StorageSnapshot> {
    const r = await q.one<{ dbBytes: number; freeBytes: number; pageSize: number; autovacuum: string }>(
      `SELECT COALESCE(sum(pg_total_relation_size(c.oid)), 0)::bigint AS "dbBytes",
              COALESCE(sum(CASE WHEN s.n_live_tup + s.n_dead_tup > 0 THEN pg_relation_size(c.oid) * s.n_dead_tup / (s.n_live_tup + s.n_dead_tup) ELSE 0 END), 0)::bigint AS "freeBytes",
              current_setting('block_size')::int AS "pageSize", current_setting('autovacuum') AS autovacuum
       FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
       WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND c.relkind IN ('r', 'm')`,
    );
    return { dbBytes: r?.dbBytes ?? 0, walBytes: 0, freeBytes: r?.freeBytes ?? 0, pageSize: r?.pageSize ?? 8192, autoVacuum: r?.autovacuum === 'on' ? 'incremental' : 'none' };
  },
  samplesSince: (q: Sql, at: number) => q.rows<StorageSample>(`SELECT ${sampleCols} FROM storage_samples WHERE at >= $1 ORDER BY at`, [at]),
  /** The newest sample taken at or before `at`, for "growth over the last day". */
  sampleAtOrBefore: (q: Sql, at: number) => q.one<StorageSample>(`SELECT ${sampleCols} FROM storage_samples WHERE at <= $1 ORDER BY at DESC LIMIT 1`, [at]),
  latestSampleAt: async (q: Sql) => (await q.one<{ at: number | null }>('SELECT max(at) AS at FROM storage_samples'))?.at ?? null,
};
