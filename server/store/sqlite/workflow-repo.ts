import type { Db } from './database.js';
import { readJsonAs } from './json-column.js';
import { workflowDefinitionSchema, type WorkflowDefinition } from '../../../shared/graph/workflow-schema.js';
import type { Author, WorkflowRow, WorkflowVersion } from '../ports/workflows.js';

interface RawWorkflow {
  id: string;
  name: string;
  active: number;
  current_version: number;
  published_version: number | null;
  published_at: number | null;
  published_by: string | null;
  publish_message: string | null;
  created_at: number;
  updated_at: number;
}

const toRow = (r: RawWorkflow): WorkflowRow => ({
  id: r.id,
  name: r.name,
  active: r.active === 1,
  currentVersion: r.current_version,
  publishedVersion: r.published_version,
  publishedAt: r.published_at,
  publishedBy: r.published_by,
  publishMessage: r.publish_message,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Workflows and their immutable versions. Synchronous: callers decide the transaction. */
export function createWorkflowRepo(db: Db) {
  const s = {
    insert: db.prepare('INSERT INTO workflows (id, name, active, current_version, created_at, updated_at) VALUES (?, ?, 0, 1, ?, ?)'),
    insertVersion: db.prepare('INSERT INTO workflow_versions (workflow_id, version, definition, created_at, created_by, created_by_name) VALUES (?, ?, ?, ?, ?, ?)'),
    bump: db.prepare('UPDATE workflows SET current_version = current_version + 1, name = ?, updated_at = ? WHERE id = ? RETURNING current_version'),
    bumpIf: db.prepare('UPDATE workflows SET current_version = current_version + 1, name = ?, updated_at = ? WHERE id = ? AND current_version = ? RETURNING current_version'),
    publish: db.prepare('UPDATE workflows SET published_version = ?, published_at = ?, published_by = ?, publish_message = ?, updated_at = ? WHERE id = ?'),
    unpublish: db.prepare('UPDATE workflows SET published_version = NULL, published_at = NULL, published_by = NULL, publish_message = NULL, active = 0, updated_at = ? WHERE id = ?'),
    get: db.prepare('SELECT * FROM workflows WHERE id = ?'),
    list: db.prepare('SELECT * FROM workflows ORDER BY updated_at DESC, id DESC'),
    version: db.prepare('SELECT definition, created_at, created_by, created_by_name FROM workflow_versions WHERE workflow_id = ? AND version = ?'),
    versions: db.prepare('SELECT version, created_at FROM workflow_versions WHERE workflow_id = ? ORDER BY version DESC'),
    setActive: db.prepare('UPDATE workflows SET active = ?, updated_at = ? WHERE id = ?'),
    remove: db.prepare('DELETE FROM workflows WHERE id = ?'),
  };
  return {
    /** Creates a workflow with its first version. */
    insert(id: string, def: WorkflowDefinition, now: number, userId: string | null): void {
      s.insert.run(id, def.name, now, now);
      s.insertVersion.run(id, 1, JSON.stringify(def), now, userId, null);
    },
    /** Stores a new immutable version and makes it current; returns its number. */
    addVersion(id: string, def: WorkflowDefinition, now: number, userId: string | null): number {
      const row = s.bump.get(def.name, now, id) as { current_version: number } | undefined;
      if (!row) throw new Error(`workflow ${id} vanished`);
      s.insertVersion.run(id, row.current_version, JSON.stringify(def), now, userId, null);
      return row.current_version;
    },
    /** Like `addVersion`, but only while the newest version is still `base`; null when it is not. */
    addVersionIf(id: string, def: WorkflowDefinition, now: number, author: Author, base: number): number | null {
      const row = s.bumpIf.get(def.name, now, id, base) as { current_version: number } | undefined;
      if (!row) return null;
      s.insertVersion.run(id, row.current_version, JSON.stringify(def), now, author.userId, author.name);
      return row.current_version;
    },
    /** Makes `version` live; null unpublishes (and deactivates: nothing is left to run). */
    publish(id: string, version: number | null, now: number, by: string | null, message: string | null): boolean {
      if (version === null) return s.unpublish.run(now, id).changes === 1;
      return s.publish.run(version, now, by, message, now, id).changes === 1;
    },
    get(id: string): WorkflowRow | undefined {
      const r = s.get.get(id) as RawWorkflow | undefined;
      return r && toRow(r);
    },
    list(): WorkflowRow[] {
      return (s.list.all() as RawWorkflow[]).map(toRow);
    },
    getVersion(id: string, version: number): WorkflowVersion | undefined {
      const r = s.version.get(id, version) as { definition: string; created_at: number; created_by: string | null; created_by_name: string | null } | undefined;
      if (!r) return undefined;
      const definition = readJsonAs(workflowDefinitionSchema, r.definition, 'workflow_versions', `${id}@${version}`);
      return { workflowId: id, version, definition, createdAt: r.created_at, createdBy: { userId: r.created_by, name: r.created_by_name } };
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
