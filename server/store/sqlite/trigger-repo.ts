import type { Db } from './database.js';
import type { RetiredToken, TokenMatch, TriggerRow } from '../ports/triggers.js';

const cols = 'token, workflow_id AS workflowId, node_id AS nodeId, rotated_at AS rotatedAt';

/** Trigger URL tokens: one per trigger node, kept across versions so the URL stays the same until rotated. */
export function createTriggerRepo(db: Db) {
  const s = {
    byToken: db.prepare(`SELECT ${cols} FROM triggers WHERE token = ?`),
    byNode: db.prepare(`SELECT ${cols} FROM triggers WHERE workflow_id = ? AND node_id = ?`),
    forWorkflow: db.prepare(`SELECT ${cols} FROM triggers WHERE workflow_id = ? ORDER BY node_id`),
    insert: db.prepare('INSERT OR IGNORE INTO triggers (token, workflow_id, node_id, created_at) VALUES (?, ?, ?, ?)'),
    remove: db.prepare('DELETE FROM triggers WHERE workflow_id = ? AND node_id = ?'),
    retiredByToken: db.prepare('SELECT token, workflow_id AS workflowId, node_id AS nodeId, expires_at AS expiresAt FROM retired_trigger_tokens WHERE token = ? AND expires_at > ?'),
    retiredOf: db.prepare(
      'SELECT token, node_id AS nodeId, retired_at AS retiredAt, expires_at AS expiresAt FROM retired_trigger_tokens WHERE workflow_id = ? AND expires_at > ? ORDER BY node_id, expires_at DESC',
    ),
    retire: db.prepare('INSERT INTO retired_trigger_tokens (token, workflow_id, node_id, retired_at, expires_at) VALUES (?, ?, ?, ?, ?)'),
    dropRetired: db.prepare('DELETE FROM retired_trigger_tokens WHERE workflow_id = ? AND node_id = ?'),
    pruneRetired: db.prepare('DELETE FROM retired_trigger_tokens WHERE expires_at <= ?'),
    replace: db.prepare('UPDATE triggers SET token = ?, rotated_at = ? WHERE workflow_id = ? AND node_id = ?'),
  };
  return {
    byToken: (token: string) => s.byToken.get(token) as TriggerRow | undefined,
    /** The trigger a token reaches at `now`: its live token, or a rotated one within its grace period. */
    match(token: string, now: number): TokenMatch | undefined {
      const live = s.byToken.get(token) as TriggerRow | undefined;
      if (live) return { ...live, expiresAt: null };
      const old = s.retiredByToken.get(token, now) as (TriggerRow & { expiresAt: number }) | undefined;
      return old ? { ...old, rotatedAt: null } : undefined;
    },
    byNode: (workflowId: string, nodeId: string) => s.byNode.get(workflowId, nodeId) as TriggerRow | undefined,
    forWorkflow: (workflowId: string) => s.forWorkflow.all(workflowId) as TriggerRow[],
    /** Rotated tokens of a workflow that still work at `now`. */
    retiredOf: (workflowId: string, now: number) => s.retiredOf.all(workflowId, now) as RetiredToken[],
    /**
     * Gives a trigger a new token. With `graceMs` > 0 the old one keeps working until now + graceMs;
     * with 0 it stops at once, and so does every older token still in a grace period (a rotation
     * without grace is what a person does after a leak). Returns false when the trigger does not exist.
     */
    rotate(workflowId: string, nodeId: string, newToken: string, now: number, graceMs: number): boolean {
      const current = s.byNode.get(workflowId, nodeId) as TriggerRow | undefined;
      if (!current) return false;
      s.pruneRetired.run(now);
      if (graceMs > 0) s.retire.run(current.token, workflowId, nodeId, now, now + graceMs);
      else s.dropRetired.run(workflowId, nodeId);
      s.replace.run(newToken, now, workflowId, nodeId);
      return true;
    },
    /** Makes the tokens match the trigger nodes: new nodes get a token, removed ones lose theirs (rotated ones too). */
    sync(workflowId: string, nodeIds: readonly string[], newToken: () => string, now: number): void {
      const existing = new Set((s.forWorkflow.all(workflowId) as TriggerRow[]).map((t) => t.nodeId));
      for (const id of nodeIds) if (!existing.has(id)) s.insert.run(newToken(), workflowId, id, now);
      for (const id of existing) {
        if (nodeIds.includes(id)) continue;
        s.remove.run(workflowId, id);
        s.dropRetired.run(workflowId, id);
      }
    },
  };
}
export type TriggerRepo = ReturnType<typeof createTriggerRepo>;
