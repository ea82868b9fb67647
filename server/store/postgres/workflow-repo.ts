import type { Sql } from './sql.js';
import { readJsonAs } from '../json-column.js';
import { workflowDefinitionSchema, type WorkflowDefinition } from '../../../shared/graph/workflow-schema.js';
import type { Author, WorkflowRow, WorkflowVersion } from '../ports/workflows.js';

const cols = `id, name, active, current_version AS "currentVersion", published_version AS "publishedVersion", published_at AS "publishedAt",
  published_by AS "publishedBy", publish_message AS "publishMessage", created_at AS "createdAt", updated_at AS "updatedAt"`;
const insertVersion = 'INSERT INTO workflow_versions (workflow_id, version, definition, created_at, created_by, created_by_name) VALUES ($1, $2, $3, $4, $5, $6)';

/** Workflows and their immutable versions. `create` and `addVersion` run inside a transaction (two statements). */
export const postgresWorkflows = {
  get: (q: Sql, id: string) => q.one<WorkflowRow>(`SELECT ${cols} FROM workflows WHERE id = $1`, [id]),
  list: (q: Sql) => q.rows<WorkflowRow>(`SELECT ${cols} FROM workflows ORDER BY updated_at DESC, id DESC`),
  async getVersion(q: Sql, id: string, version: number): Promise<WorkflowVersion | undefined> {
    const r = await q.one<{ definition: string; createdAt: number; userId: string | null; name: string | null }>(
      'SELECT definition, created_at AS "createdAt", created_by AS "userId", created_by_name AS name FROM workflow_versions WHERE workflow_id = $1 AND version = $2',
      [id, version],
    );
    if (!r) return undefined;
    const definition = readJsonAs(workflowDefinitionSchema, r.definition, 'workflow_versions', `${id}@${version}`);
    return { workflowId: id, version, definition, createdAt: r.createdAt, createdBy: { userId: r.userId, name: r.name } };
  },
  listVersions: (q: Sql, id: string) =>
    q.rows<{ version: number; createdAt: number }>('SELECT version, created_at AS "createdAt" FROM workflow_versions WHERE workflow_id = $1 ORDER BY version DESC', [id]),
  async create(q: Sql, id: string, def: WorkflowDefinition, now: number, userId: string | null): Promise<void> {
    await q.run('INSERT INTO workflows (id, name, active, current_version, created_at, updated_at) VALUES ($1, $2, false, 1, $3, $3)', [id, def.name, now]);
    await q.run(insertVersion, [id, 1, JSON.stringify(def), now, userId, null]);
  },
  /** The row lock of the UPDATE orders concurrent saves: each gets the next number. */
  async addVersion(q: Sql, id: string, def: WorkflowDefinition, now: number, userId: string | null): Promise<number> {
    const row = await q.one<{ v: number }>('UPDATE workflows SET current_version = current_version + 1, name = $1, updated_at = $2 WHERE id = $3 RETURNING current_version AS v', [def.name, now, id]);
    if (!row) throw new Error(`workflow ${id} vanished`);
    await q.run(insertVersion, [id, row.v, JSON.stringify(def), now, userId, null]);
    return row.v;
  },
  /** The guarded UPDATE is the check: it matches only while the newest version is still `base`. */
  async addVersionIf(q: Sql, id: string, def: WorkflowDefinition, now: number, author: Author, base: number): Promise<number | null> {
    const row = await q.one<{ v: number }>(
      'UPDATE workflows SET current_version = current_version + 1, name = $1, updated_at = $2 WHERE id = $3 AND current_version = $4 RETURNING current_version AS v',
      [def.name, now, id, base],
    );
    if (!row) return null;
    await q.run(insertVersion, [id, row.v, JSON.stringify(def), now, author.userId, author.name]);
    return row.v;
  },
  /** Makes `version` live; null unpublishes (and deactivates: nothing is left to run). */
  async publish(q: Sql, id: string, version: number | null, now: number, by: string | null, message: string | null): Promise<boolean> {
    if (version === null) {
      return (
        (await q.run('UPDATE workflows SET published_version = NULL, published_at = NULL, published_by = NULL, publish_message = NULL, active = false, updated_at = $1 WHERE id = $2', [now, id])) === 1
      );
    }
    return (
      (await q.run('UPDATE workflows SET published_version = $1, published_at = $2, published_by = $3, publish_message = $4, updated_at = $2 WHERE id = $5', [version, now, by, message, id])) === 1
    );
  },
  setActive: async (q: Sql, id: string, active: boolean, now: number) => (await q.run('UPDATE workflows SET active = $1, updated_at = $2 WHERE id = $3', [active, now, id])) === 1,
  remove: async (q: Sql, id: string) => (await q.run('DELETE FROM workflows WHERE id = $1', [id])) === 1,
};
