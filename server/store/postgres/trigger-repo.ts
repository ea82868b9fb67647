import type { Sql } from './sql.js';
import type { RetiredToken, TokenMatch, TriggerRow } from '../ports/triggers.js';

const cols = 'token, workflow_id AS "workflowId", node_id AS "nodeId", rotated_at AS "rotatedAt"';
const dropRetired = 'DELETE FROM retired_trigger_tokens WHERE workflow_id = $1 AND node_id = $2';

/** Trigger URL tokens (see the SQLite repository for the rules); `rotate` and `sync` run inside a transaction. */
export const postgresTriggers = {
  async match(q: Sql, token: string, now: number): Promise<TokenMatch | undefined> {
    const live = await q.one<TriggerRow>(`SELECT ${cols} FROM triggers WHERE token = $1`, [token]);
    if (live) return { ...live, expiresAt: null };
    const old = await q.one<TriggerRow & { expiresAt: number }>(
      'SELECT token, workflow_id AS "workflowId", node_id AS "nodeId", expires_at AS "expiresAt" FROM retired_trigger_tokens WHERE token = $1 AND expires_at > $2',
      [token, now],
    );
    return old ? { ...old, rotatedAt: null } : undefined;
  },
  byNode: (q: Sql, workflowId: string, nodeId: string) => q.one<TriggerRow>(`SELECT ${cols} FROM triggers WHERE workflow_id = $1 AND node_id = $2`, [workflowId, nodeId]),
  forWorkflow: (q: Sql, workflowId: string) => q.rows<TriggerRow>(`SELECT ${cols} FROM triggers WHERE workflow_id = $1 ORDER BY node_id`, [workflowId]),
  retiredOf: (q: Sql, workflowId: string, now: number) =>
    q.rows<RetiredToken>(
      `SELECT token, node_id AS "nodeId", retired_at AS "retiredAt", expires_at AS "expiresAt" FROM retired_trigger_tokens
       WHERE workflow_id = $1 AND expires_at > $2 ORDER BY node_id, expires_at DESC`,
      [workflowId, now],
    ),
  /** Locks the trigger's row first, so two rotations at once take turns instead of retiring the same token twice. */
  async rotate(q: Sql, workflowId: string, nodeId: string, newToken: string, now: number, graceMs: number): Promise<boolean> {
    const current = await q.one<{ token: string }>('SELECT token FROM triggers WHERE workflow_id = $1 AND node_id = $2 FOR UPDATE', [workflowId, nodeId]);
    if (!current) return false;
    await q.run('DELETE FROM retired_trigger_tokens WHERE expires_at <= $1', [now]);
    if (graceMs > 0) {
      await q.run('INSERT INTO retired_trigger_tokens (token, workflow_id, node_id, retired_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [current.token, workflowId, nodeId, now, now + graceMs]);
    } else await q.run(dropRetired, [workflowId, nodeId]);
    await q.run('UPDATE triggers SET token = $1, rotated_at = $2 WHERE workflow_id = $3 AND node_id = $4', [newToken, now, workflowId, nodeId]);
    return true;
  },
  async sync(q: Sql, workflowId: string, nodeIds: readonly string[], newToken: () => string, now: number): Promise<void> {
    const existing = new Set((await q.rows<{ nodeId: string }>('SELECT node_id AS "nodeId" FROM triggers WHERE workflow_id = $1', [workflowId])).map((t) => t.nodeId));
    for (const id of nodeIds) {
      if (existing.has(id)) continue;
      await q.run('INSERT INTO triggers (token, workflow_id, node_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [newToken(), workflowId, id, now]);
    }
    for (const id of existing) {
      if (nodeIds.includes(id)) continue;
      await q.run('DELETE FROM triggers WHERE workflow_id = $1 AND node_id = $2', [workflowId, id]);
      await q.run(dropRetired, [workflowId, id]);
    }
  },
};
