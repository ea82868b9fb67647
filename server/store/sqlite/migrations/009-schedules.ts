/**
 * Where each active schedule trigger stands: every tick at or before `cursor` is handled (run,
 * or passed over by the missed-run policy), so a restart neither fires a tick twice nor loses
 * track of what it missed. `spec` is the timetable the cursor belongs to: when the schedule is
 * edited, the trigger starts over from the time of the change. A deactivated workflow's row is
 * disarmed (spec '') and keeps its last tick, so activating it again never catches up on the
 * time it was off.
 */
export const schedules = `
CREATE TABLE schedule_state (
  workflow_id TEXT NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
  node_id TEXT NOT NULL,
  spec TEXT NOT NULL,
  cursor INTEGER NOT NULL,
  last_tick INTEGER,
  last_run_id TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workflow_id, node_id)
) WITHOUT ROWID;
`;
