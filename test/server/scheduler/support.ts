import { pino } from 'pino';
import { validateWorkflow } from '../../../shared/graph/validate-workflow.js';
import { openDatabase } from '../../../server/store/sqlite/database.js';
import { createManualClock } from '../../../server/lib/clock.js';
import { createCommitQueue } from '../../../server/store/sqlite/commit-queue.js';
import { createSqliteStore } from '../../../server/store/sqlite/create-sqlite-store.js';
import { createScheduler } from '../../../server/scheduler/scheduler.js';
import type { Timers } from '../../../server/scheduler/wake-loop.js';
import { tempDir } from '../../support/temp-dir.js';

/** Timers that never fire by themselves: the test reads what is armed. */
export function fakeTimers(): Timers & { armed: () => number[] } {
  const pending = new Map<number, number>();
  let next = 0;
  return {
    set: (_fn, ms) => {
      pending.set(++next, ms);
      return next;
    },
    clear: (h) => void pending.delete(h as number),
    armed: () => [...pending.values()],
  };
}

/**
 * A real SQLite file with the real repositories, commit queue and scheduler, driven by a manual
 * clock and fake timers. `restart` builds a fresh scheduler over the same file, as a new process would.
 */
export function schedulerWorld(start: number) {
  const dir = tempDir();
  const db = openDatabase(`${dir.path}/db.sqlite`);
  const clock = createManualClock(start);
  const store = createSqliteStore(db, createCommitQueue(db));
  const repos = store.repos;
  let queued = 0;
  const make = () => {
    const timers = fakeTimers();
    const scheduler = createScheduler({ store, clock, logger: pino({ level: 'silent' }), defaultConcurrency: 10, onQueued: () => queued++, timers });
    return { scheduler, timers };
  };
  let current = make();

  const saveWorkflow = (id: string, config: Record<string, unknown>, active = true) => {
    const checked = validateWorkflow({ name: id, nodes: [{ id: 'tick', type: 'schedule', position: { x: 0, y: 0 }, config }], edges: [] });
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    if (repos.workflows.get(id)) repos.workflows.addVersion(id, checked.workflow, clock.now(), null);
    else repos.workflows.insert(id, checked.workflow, clock.now(), null);
    repos.workflows.setActive(id, active, clock.now());
  };

  return {
    db,
    clock,
    repos,
    get scheduler() {
      return current.scheduler;
    },
    get timers() {
      return current.timers;
    },
    queued: () => queued,
    saveWorkflow,
    /** Scheduled runs of a workflow: when each tick was due, oldest first. */
    ticks(workflowId: string): string[] {
      const rows = db
        .prepare(`SELECT e.body AS body FROM events e JOIN runs r ON r.event_id = e.id WHERE e.workflow_id = ? AND e.method = 'SCHEDULE' ORDER BY e.received_at, e.id`)
        .all(workflowId) as Array<{ body: Buffer }>;
      return rows.map((r) => (JSON.parse(r.body.toString()) as { scheduledAt: string }).scheduledAt);
    },
    async restart() {
      await current.scheduler.stop();
      current = make();
    },
    async close() {
      await current.scheduler.stop();
      db.close();
      dir.cleanup();
    },
  };
}
