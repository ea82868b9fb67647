import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../server/store/sqlite/database.js';
import { createJobRepo } from '../../../server/store/sqlite/job-repo.js';
import { createQueueStatsRepo } from '../../../server/store/sqlite/queue-stats-repo.js';
import { tempDir } from '../../support/temp-dir.js';

// The queue's status index holds unfinished jobs only (migration 022): a run's end takes its job
// out, so the index stays the size of the backlog, not of the history. SQLite uses a partial index
// only for a statement whose WHERE repeats the index's own; a statement that forgot to would scan
// the whole table, history included, without failing anything else.

let dir: ReturnType<typeof tempDir>;
let db: Db;
beforeEach(() => {
  dir = tempDir();
  db = openDatabase(`${dir.path}/jobs.db`);
  db.pragma('foreign_keys = OFF'); // the queue table alone is under test
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

/** The SQL of every statement a repository prepares. */
function statementsOf(create: (d: Db) => unknown): string[] {
  const sources: string[] = [];
  const prepare = db.prepare.bind(db);
  const spy = new Proxy(db, { get: (target, key) => (key === 'prepare' ? (sql: string) => (sources.push(sql), prepare(sql)) : Reflect.get(target, key)) });
  create(spy);
  return sources;
}

/** The plan of `sql`, its parameters all bound to 0 (the plan does not depend on them). */
function plan(sql: string): string {
  const positional = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 0);
  const named = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1], 0]));
  const args = Object.keys(named).length ? [...positional, named] : positional;
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
}

describe('the unfinished jobs index', () => {
  it('holds the unfinished jobs only: a run that ends leaves it', () => {
    const jobs = createJobRepo(db);
    for (let i = 0; i < 5; i++) jobs.insert(`r${i}`, 'wf', i, 10, 0);
    const claimed = jobs.claim('w1', 1_000, 30_000, 3);
    for (const j of claimed.slice(0, 2)) jobs.complete({ runId: j.runId, owner: 'w1', claims: j.claims }, 'succeeded', 2_000);
    const indexed = () => (db.prepare(`SELECT count(*) AS n FROM jobs INDEXED BY jobs_active WHERE status IN ('queued', 'running', 'retry_wait')`).get() as { n: number }).n;
    expect(indexed()).toBe(3);
    expect((db.prepare('SELECT count(*) AS n FROM jobs').get() as { n: number }).n).toBe(5);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'jobs_ready'`).get()).toBeUndefined();
  });

  it('is what every statement of the queue that asks by status reads: none scans the table', () => {
    const sources = [...statementsOf((d) => createJobRepo(d)), ...statementsOf((d) => createQueueStatsRepo(d))].filter((sql) => /\bjobs\b/.test(sql) && /status/.test(sql));
    expect(sources.length).toBeGreaterThan(8);
    for (const sql of sources) expect(plan(sql), sql).not.toMatch(/SCAN jobs(?! USING)/);
    // The running counts, the next due time and the lease sweeps, by name.
    const where = (sql: string) => sql.slice(sql.indexOf('WHERE'));
    const byStatus = sources.filter((sql) => !/run_id = /.test(where(sql)) && (/status = 'running'/.test(where(sql)) || /min\(run_at\)/.test(sql)));
    expect(byStatus.length).toBeGreaterThanOrEqual(5);
    for (const sql of byStatus) expect(plan(sql), sql).toMatch(/jobs_active|jobs_due|jobs_parked/);
  });
});
