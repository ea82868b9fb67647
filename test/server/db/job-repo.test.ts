import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../server/store/sqlite/database.js';
import { createJobRepo } from '../../../server/store/sqlite/job-repo.js';
import { tempDir } from '../../support/temp-dir.js';

let dir: ReturnType<typeof tempDir>;
let db: Db;
let jobs: ReturnType<typeof createJobRepo>;
const LEASE = 30_000;

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(`${dir.path}/jobs.db`);
  db.pragma('foreign_keys = OFF'); // the queue table alone is under test
  jobs = createJobRepo(db);
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

const statusOf = (runId: string) => (db.prepare('SELECT status FROM jobs WHERE run_id = ?').get(runId) as { status: string }).status;

describe('the run queue table', () => {
  it('claims due jobs oldest first, never one that is not due yet', () => {
    jobs.insert('r3', 'wf', 300, 10, 0);
    jobs.insert('r1', 'wf', 100, 10, 0);
    jobs.insert('later', 'wf', 10_000, 10, 0);
    jobs.insert('r2', 'wf', 200, 10, 0);
    expect(jobs.claim('w1', 1_000, LEASE, 10).map((j) => j.runId)).toEqual(['r1', 'r2', 'r3']);
    expect(statusOf('later')).toBe('queued');
    expect(jobs.claim('w1', 1_000, LEASE, 10)).toEqual([]);
  });

  it("honours each workflow's concurrency while other workflows still get their turn", () => {
    for (let i = 0; i < 5; i++) jobs.insert(`busy-${i}`, 'busy', i, 2, 0);
    jobs.insert('quiet-0', 'quiet', 10, 2, 0);
    const first = jobs.claim('w1', 1_000, LEASE, 10).map((j) => j.runId);
    expect(first).toEqual(['busy-0', 'busy-1', 'quiet-0']);
    expect(jobs.claim('w1', 1_000, LEASE, 10)).toEqual([]);
    expect(jobs.complete({ runId: 'busy-0', owner: 'w1', claims: 1 }, 'succeeded', 1_000)).toBe(true);
    expect(jobs.claim('w1', 1_000, LEASE, 10).map((j) => j.runId)).toEqual(['busy-2']);
  });

  it('moves only a job its worker holds under this claim, and a job leaves running once', () => {
    jobs.insert('r', 'wf', 0, 5, 0);
    jobs.claim('w1', 0, LEASE, 1);
    const held = { runId: 'r', owner: 'w1', claims: 1 };
    expect(jobs.complete({ ...held, owner: 'someone-else' }, 'succeeded', 1)).toBe(false);
    expect(jobs.reschedule({ ...held, owner: 'someone-else' }, 'retry_wait', 5, 1)).toBe(false);
    expect(jobs.complete({ ...held, claims: 2 }, 'succeeded', 1)).toBe(false);
    expect(jobs.complete(held, 'failed', 1)).toBe(true);
    expect(jobs.complete(held, 'succeeded', 2)).toBe(false);
    expect(statusOf('r')).toBe('failed');
  });

  it('re-queues jobs whose lease expired, and a heartbeat keeps a lease alive', () => {
    jobs.insert('kept', 'wf', 0, 5, 0);
    jobs.insert('lost', 'wf', 0, 5, 0);
    jobs.claim('w1', 0, 1_000, 2);
    expect(jobs.heartbeat({ runId: 'kept', owner: 'w1', claims: 1 }, 60_000)).toBe(true);
    expect(jobs.reclaimExpired(5_000)).toBe(1);
    expect(statusOf('lost')).toBe('queued');
    expect(statusOf('kept')).toBe('running');
    expect(jobs.claim('w2', 5_000, 1_000, 5).map((j) => ({ runId: j.runId, claims: j.claims }))).toEqual([{ runId: 'lost', claims: 2 }]);
  });

  it('cancels only jobs no worker holds; a held job is left for its worker to end', () => {
    jobs.insert('idle', 'wf', 0, 5, 0);
    jobs.insert('held', 'wf', 1, 5, 0);
    jobs.claim('w1', 1, LEASE, 1);
    jobs.reschedule({ runId: 'idle', owner: 'w1', claims: 1 }, 'retry_wait', 99, 1);
    jobs.claim('w1', 1, LEASE, 1);
    expect(jobs.cancelIdle('held', 2)).toBe(false);
    expect(jobs.cancelIdle('idle', 2)).toBe(true);
    expect(statusOf('idle')).toBe('cancelled');
  });
});
