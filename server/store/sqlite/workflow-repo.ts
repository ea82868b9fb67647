import type { Db } from './database.js';
import { readJsonAs } from './json-column.js';
import { workflowDefinitionSchema, type WorkflowDefinition } from '../../../shared/graph/workflow-schema.js';
import type { WorkflowRow, WorkflowVersion } from '../ports/workflows.js';


interface RawWorkflow {
  id: string;
  name: string;
  active: number;
  current_version: number;
  created_at: number;
  updated_at: number;
}

const toRow = (r: RawWorkflow): WorkflowRow => ({
  id: r.id,
  name: r.name,
  active: r.active === 1,
  currentVersion: r.current_version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Workflows and their immutable versions. Synchronous: callers decide the transaction. */
export function createWorkflowRepo(db: Db) {
  const s = {
    insert: db.prepare('INSERT INTO workflows (id, name, active, current_version, created_at, updated_at) VALUES (?, ?, 0, 1, ?, ?)'),
    insertVersion: db.prepare('INSERT INTO workflow_versions (workflow_id, version, definition, created_at, created_by) VALUES (?, ?, ?, ?, ?)'),
    bump: db.prepare('UPDATE workflows SET current_version = current_version + 1, name = ?, updated_at = ? WHERE id = ? RETURNING current_version'),
    get: db.prepare('SELECT * FROM workflows WHERE id = ?'),
    list: db.prepare('SELECT * FROM workflows ORDER BY updated_at DESC, id DESC'),
    version: db.prepare('SELECT definition, created_at FROM workflow_versions WHERE workflow_id = ? AND version = ?'),
    versions: db.prepare('SELECT version, created_at FROM workflow_versions WHERE workflow_id = ? ORDER BY version DESC'),
    setActive: db.prepare('UPDATE workflows SET active = ?, updated_at = ? WHERE id = ?'),
    remove: db.prepare('DELETE FROM workflows WHERE id = ?'),
  };
  return {
    /** Creates a workflow with its first version. */
    insert(id: string, def: WorkflowDefinition, now: number, userId: string | null): void {
      s.insert.run(id, def.name, now, now);
      s.insertVersion.run(id, 1, JSON.stringify(def), now, userId);
    },
    /** Stores a new immutable version and makes it current; returns its number. */
    addVersion(id: string, def: WorkflowDefinition, now: number, userId: string | null): number {
      const row = s.bump.get(def.name, now, id) as { current_version: number } | undefined;
      if (!row) throw new Error(`workflow ${id} vanished`);
      s.insertVersion.run(id, row.current_version, JSON.stringify(def), now, userId);
      return row.current_version;
    },
    get(id: string): WorkflowRow | undefined {
      const r = s.get.get(id) as RawWorkflow | undefined;
      return r && toRow(r);
    },
    list(): WorkflowRow[] {
      return (s.list.all() as RawWorkflow[]).map(toRow);
    },
    getVersion(id: string, version: number): WorkflowVersion | undefined {
      const r = s.version.get(id, version) as { definition: string; created_at: number } | undefined;
      if (!r) return undefined;
      const definition = readJsonAs(workflowDefinitionSchema, r.definition, 'workflow_versions', `${id}@${version}`);
      return { workflowId: id, version, definition, createdAt: r.created_at };
    },
    listVersions(id: string): Array<{ version: number; createdAt: number }> {
      return (s.versions.all(id) as Array<{ version: number; created_at: number }>).map((r) => ({ version: r.version, createdAt: r.created_at }));
    },
    setActive(id: string, active: boolean, now: number): boolean {
      return s.setActive.run(active ? 1 : 0, now, id).changes === 1;
    },
    remove(id: string): boolean {
      return s.remove.run(id).changes === 1;
    },
  };
}
export type WorkflowRepo = ReturnType<typeof createWorkflowRepo>;
