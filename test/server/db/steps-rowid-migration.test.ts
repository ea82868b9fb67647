import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../server/store/sqlite/database.js';
import { migrations } from '../../../server/store/sqlite/migrations/index.js';
import { createStepRepo } from '../../../server/store/sqlite/step-repo.js';
import { tempDir } from '../../support/temp-dir.js';
import type { StepRecord } from '../../../server/engine/records.js';

const attempt = (runId: string, frame: string, nodeId: string, n: number, over: Partial<StepRecord> = {}): StepRecord => ({
  runId,
  frame,
  nodeId,
  attempt: n,
  status: 'retrying',
  input: { body: { n } },
  detail: { request: 'x'.repeat(1_500) },
  startedAt: 10 * n,
  finishedAt: 10 * n + 1,
  nextAttemptAt: 10 * n + 5,
  ...over,
});

describe('migration 21 (steps in an ordinary table)', () => {
  it('keeps every stored attempt, keeps one row per key, and still goes with its run', () => {
    const dir = tempDir();
    const db = new Database(`${dir.path}/steps.db`);
    try {
      db.pragma('foreign_keys = ON');
      runMigrations(
        db,
        migrations.filter((m) => m.version < 21),
      );
      db.prepare(`INSERT INTO workflows (id, name, active, current_version, created_at, updated_at) VALUES ('wf', 'wf', 1, 1, 0, 0)`).run();
      db.prepare(`INSERT INTO events (id, workflow_id, node_id, method, path, query, headers, body, received_at) VALUES ('evt', 'wf', 'in', 'POST', '/', '{}', '{}', x'7b7d', 0)`).run();
      for (const id of ['run_a', 'run_b']) {
        db.prepare(`INSERT INTO runs (id, workflow_id, version, event_id, status, created_at) VALUES (?, 'wf', 1, 'evt', 'waiting', 0)`).run(id);
      }
      const before = createStepRepo(db);
      const stored = [
        attempt('run_a', '', 'out', 1),
        attempt('run_a', '', 'out', 2),
        attempt('run_a', 'loop:0', 'body', 1, { status: 'succeeded', output: { ok: true } }),
        attempt('run_b', '', 'out', 1),
      ];
      for (const r of stored) before.insert(r);
      const read = { a: before.forRun('run_a'), b: before.forRun('run_b') };

      expect(runMigrations(db)).toBe(migrations.length - 20);
      const steps = createStepRepo(db);
      expect(steps.forRun('run_a')).toEqual(read.a);
      expect(steps.forRun('run_b')).toEqual(read.b);
      expect(steps.forRun('run_a').map((s) => [s.frame, s.nodeId, s.attempt, s.status])).toEqual([
        ['loop:0', 'body', 1, 'succeeded'],
        ['', 'out', 1, 'retrying'],
        ['', 'out', 2, 'retrying'],
      ]);
      expect(steps.inFrame('run_a', 'loop:0')).toHaveLength(1);
      // An attempt recorded again replaces the stored one, as before.
      steps.insert(attempt('run_a', '', 'out', 2, { status: 'succeeded', output: { done: 1 } }));
      expect(
        steps
          .forRun('run_a')
          .filter((s) => s.nodeId === 'out')
          .map((s) => s.status),
      ).toEqual(['retrying', 'succeeded']);
      // Deleting a run deletes its steps.
      db.prepare(`DELETE FROM runs WHERE id = 'run_a'`).run();
      expect(steps.forRun('run_a')).toEqual([]);
      expect(steps.forRun('run_b')).toHaveLength(1);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
      dir.cleanup();
    }
  });
});
