import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../server/store/sqlite/database.js';
import { migrations } from '../../../server/store/sqlite/migrations/index.js';
import { createWorkflowRepo } from '../../../server/store/sqlite/workflow-repo.js';

describe('migration 12 (drafts)', () => {
  it('makes every existing workflow published at its current version, active or not', () => {
    const db = new Database(':memory:');
    runMigrations(
      db,
      migrations.filter((m) => m.version < 12),
    );
    const def = (name: string) => JSON.stringify({ name, nodes: [], edges: [], settings: {} });
    db.prepare('INSERT INTO workflows (id, name, active, current_version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?)').run('wf_live', 'live', 1, 3, 500);
    db.prepare('INSERT INTO workflows (id, name, active, current_version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?)').run('wf_off', 'off', 0, 1, 600);
    for (const [id, v] of [
      ['wf_live', 1],
      ['wf_live', 2],
      ['wf_live', 3],
      ['wf_off', 1],
    ] as const) {
      db.prepare('INSERT INTO workflow_versions (workflow_id, version, definition, created_at) VALUES (?, ?, ?, 1)').run(id, v, def(id));
    }
    expect(runMigrations(db)).toBe(migrations.length - 11);
    const repo = createWorkflowRepo(db);
    expect(repo.get('wf_live')).toMatchObject({ active: true, currentVersion: 3, publishedVersion: 3, publishedAt: 500 });
    expect(repo.get('wf_off')).toMatchObject({ active: false, currentVersion: 1, publishedVersion: 1 });
    expect(repo.getVersion('wf_live', 3)?.createdBy).toEqual({ userId: null, name: null });
    db.close();
  });
});
