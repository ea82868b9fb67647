import type { Db } from './database.js';
import type { ScheduleState } from '../ports/schedules.js';

interface RawState {
  workflow_id: string;
  node_id: string;
  spec: string;
  cursor: number;
  last_tick: number | null;
  last_run_id: string | null;
  updated_at: number;
}

const toState = (r: RawState): ScheduleState => ({
  workflowId: r.workflow_id,
  nodeId: r.node_id,
  spec: r.spec,
  cursor: r.cursor,
  lastTick: r.last_tick,
  lastRunId: r.last_run_id,
  updatedAt: r.updated_at,
});

/** Schedule cursors. Synchronous: callers decide the transaction (the commit queue). */
export function createScheduleStateRepo(db: Db) {
  const s = {
    all: db.prepare('SELECT * FROM schedule_state'),
    get: db.prepare('SELECT * FROM schedule_state WHERE workflow_id = ? AND node_id = ?'),
    upsert: db.prepare(
      `INSERT INTO schedule_state (workflow_id, node_id, spec, cursor, last_tick, last_run_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (workflow_id, node_id) DO UPDATE SET spec = excluded.spec, cursor = excluded.cursor,
         last_tick = excluded.last_tick, last_run_id = excluded.last_run_id, updated_at = excluded.updated_at`,
    ),
    remove: db.prepare('DELETE FROM schedule_state WHERE workflow_id = ? AND node_id = ?'),
    removeWorkflow: db.prepare('DELETE FROM schedule_state WHERE workflow_id = ?'),
  };
  return {
    all: (): ScheduleState[] => (s.all.all() as RawState[]).map(toState),
    get(workflowId: string, nodeId: string): ScheduleState | undefined {
      const r = s.get.get(workflowId, nodeId) as RawState | undefined;
      return r && toState(r);
    },
    upsert(st: ScheduleState): void {
      s.upsert.run(st.workflowId, st.nodeId, st.spec, st.cursor, st.lastTick, st.lastRunId, st.updatedAt);
    },
    remove: (workflowId: string, nodeId: string): void => void s.remove.run(workflowId, nodeId),
    removeWorkflow: (workflowId: string): void => void s.removeWorkflow.run(workflowId),
  };
}
export type ScheduleStateRepo = ReturnType<typeof createScheduleStateRepo>;
