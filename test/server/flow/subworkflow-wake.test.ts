import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../server/store/sqlite/database.js';
import { createSqliteStore, type Repos } from '../../../server/store/sqlite/create-sqlite-store.js';
import { createCommitQueue } from '../../../server/store/sqlite/commit-queue.js';
import type { Store } from '../../../server/store/ports/store.js';
import { createRunTree } from '../../../server/services/child-runs-tree.js';
import { tempDir } from '../../support/temp-dir.js';

let dir: ReturnType<typeof tempDir>;
let db: Db;
let repos: Repos;
let store: Store;
const HOUR = 3_600_000;

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(`${dir.path}/tree.db`);
  db.pragma('foreign_keys = OFF'); // runs and steps alone are under test
  const sqlite = createSqliteStore(db, createCommitQueue(db));
  repos = sqlite.repos;
  store = sqlite;
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

/** A parent whose step `call` parked at `parkedAt` until an hour later, its job waiting, and a child of that step. */
function parentWithChild(waits = true, parkedAt = 1_000) {
  repos.runs.insert({ id: 'parent', workflowId: 'wf', version: 1, eventId: 'e1', replayOf: null, createdAt: 0 });
  repos.steps.insert({ runId: 'parent', nodeId: 'call', attempt: 1, status: 'waiting', startedAt: parkedAt, finishedAt: parkedAt, nextAttemptAt: parkedAt + HOUR });
  repos.jobs.insert('parent', 'wf', parkedAt + HOUR, 5, 0);
  db.prepare(`UPDATE jobs SET status = 'retry_wait' WHERE run_id = 'parent'`).run();
  repos.runs.insert({ id: 'child', workflowId: 'wf2', version: 1, eventId: 'e2', replayOf: null, createdAt: parkedAt, parent: { runId: 'parent', nodeId: 'call', waits }, depth: 1 });
}
const parentStep = () => db.prepare(`SELECT next_attempt_at AS at FROM steps WHERE run_id = 'parent'`).get() as { at: number };
const parentJob = () => db.prepare(`SELECT run_at AS at, status FROM jobs WHERE run_id = 'parent'`).get() as { at: number; status: string };

describe('a child run waking its parent', () => {
  it('makes the parked step and the parent job due the moment the child ends', async () => {
    parentWithChild();
    const tree = createRunTree();
    repos.runs.finish('child', 'succeeded', undefined, 5_000);
    await store.write(async (tx) => tree.hooks.onFinish?.(tx, { runId: 'child', status: 'succeeded', now: 5_000, changed: true }));
    expect(parentStep().at).toBe(5_000);
    expect(parentJob()).toEqual({ at: 5_000, status: 'retry_wait' });
  });

  it('wakes nobody for a fire-and-forget child, or for a child that ended before the step parked', () => {
    parentWithChild(false);
    repos.runs.finish('child', 'failed', undefined, 5_000);
    expect(repos.runs.wakeParentSteps('parent', 5_000)).toBe(0);
    db.prepare(`UPDATE runs SET parent_waits = 1, finished_at = 500 WHERE id = 'child'`).run();
    expect(repos.runs.wakeParentSteps('parent', 5_000)).toBe(0);
    expect(parentStep().at).toBe(1_000 + HOUR);
  });

  it('lets a parent that parks after its child ended wake at once instead of at its timeout', async () => {
    parentWithChild();
    repos.runs.finish('child', 'succeeded', undefined, 1_200);
    const tree = createRunTree();
    const park = (now: number) => store.write(async (tx) => tree.hooks.onPark?.(tx, { runId: 'parent', until: 1_000 + HOUR, now }));
    expect(await park(1_300)).toBe(1_300);
    expect(parentStep().at).toBe(1_300);
    // Once woken, parking again waits for the time asked.
    expect(await park(1_400)).toBe(1_000 + HOUR);
  });

  it('does not move a job that is not waiting (running or finished)', () => {
    parentWithChild();
    db.prepare(`UPDATE jobs SET status = 'running' WHERE run_id = 'parent'`).run();
    expect(repos.jobs.wakeNow('parent', 5_000)).toBe(false);
    expect(parentJob()).toEqual({ at: 1_000 + HOUR, status: 'running' });
  });
});
