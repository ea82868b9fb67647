import type { Db } from './database.js';

/** A trigger node's live URL token. */
export interface TriggerRow {
  token: string;
  workflowId: string;
  nodeId: string;
}

/** Trigger URL tokens: one per trigger node, kept across versions so the URL stays the same. */
export function createTriggerRepo(db: Db) {
  const s = {
    byToken: db.prepare('SELECT token, workflow_id AS workflowId, node_id AS nodeId FROM triggers WHERE token = ?'),
    forWorkflow: db.prepare('SELECT token, workflow_id AS workflowId, node_id AS nodeId FROM triggers WHERE workflow_id = ? ORDER BY node_id'),
    insert: db.prepare('INSERT OR IGNORE INTO triggers (token, workflow_id, node_id, created_at) VALUES (?, ?, ?, ?)'),
    remove: db.prepare('DELETE FROM triggers WHERE workflow_id = ? AND node_id = ?'),
  };
  return {
    byToken: (token: string) => s.byToken.get(token) as TriggerRow | undefined,
    forWorkflow: (workflowId: string) => s.forWorkflow.all(workflowId) as TriggerRow[],
    /** Makes the tokens match the trigger nodes: new nodes get a token, removed ones lose theirs. */
    sync(workflowId: string, nodeIds: readonly string[], newToken: () => string, now: number): void {
      const existing = new Set((s.forWorkflow.all(workflowId) as TriggerRow[]).map((t) => t.nodeId));
      for (const id of nodeIds) if (!existing.has(id)) s.insert.run(newToken(), workflowId, id, now);
      for (const id of existing) if (!nodeIds.includes(id)) s.remove.run(workflowId, id);
    },
  };
}
export type TriggerRepo = ReturnType<typeof createTriggerRepo>;
