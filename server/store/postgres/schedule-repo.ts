import type { Sql } from './sql.js';
import type { ScheduleState } from '../ports/schedules.js';

const cols = `workflow_id AS "workflowId", node_id AS "nodeId", spec, cursor, last_tick AS "lastTick", last_run_id AS "lastRunId", updated_at AS "updatedAt"`;

/** Schedule cursors. */
export const postgresSchedules = {
  all: (q: Sql) => q.rows<ScheduleState>(`SELECT ${cols} FROM schedule_state`),
  get: (q: Sql, workflowId: string, nodeId: string) => q.one<ScheduleState>(`SELECT ${cols} FROM schedule_state WHERE workflow_id = $1 AND node_id = $2`, [workflowId, nodeId]),
  async upsert(q: Sql, st: ScheduleState): Promise<void> {
    await q.run(
      `INSERT INTO schedule_state (workflow_id, node_id, spec, cursor, last_tick, last_run_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (workflow_id, node_id) DO UPDATE SET spec = excluded.spec, cursor = excluded.cursor,
         last_tick = excluded.last_tick, last_run_id = excluded.last_run_id, updated_at = excluded.updated_at`,
      [st.workflowId, st.nodeId, st.spec, st.cursor, st.lastTick, st.lastRunId, st.updatedAt],
    );
  },
  async remove(q: Sql, workflowId: string, nodeId: string): Promise<void> {
    await q.run('DELETE FROM schedule_state WHERE workflow_id = $1 AND node_id = $2', [workflowId, nodeId]);
  },
};
