import { Router } from 'express';
import type { WorkflowQueueCount } from '../store/ports/stats.js';

/** One state's count and since when its oldest run exists (null when empty). */
export interface StateView {
  count: number;
  oldestAt: number | null;
  oldestAgeMs: number | null;
}

export interface WorkflowQueueView {
  workflowId: string;
  queued: StateView;
  running: StateView;
  waiting: StateView;
  retrying: StateView;
  /** Every unfinished run of the workflow. */
  total: number;
  oldestAt: number | null;
  oldestAgeMs: number | null;
}

const STATES = ['queued', 'running', 'waiting', 'retrying'] as const;

/** Folds per-state rows into one view per workflow. Pure. */
export function queueViews(rows: readonly WorkflowQueueCount[], now: number): WorkflowQueueView[] {
  const byWorkflow = new Map<string, WorkflowQueueView>();
  const empty = (): StateView => ({ count: 0, oldestAt: null, oldestAgeMs: null });
  for (const row of rows) {
    let v = byWorkflow.get(row.workflowId);
    if (!v) {
      v = { workflowId: row.workflowId, queued: empty(), running: empty(), waiting: empty(), retrying: empty(), total: 0, oldestAt: null, oldestAgeMs: null };
      byWorkflow.set(row.workflowId, v);
    }
    v[row.state] = { count: row.n, oldestAt: row.oldestAt, oldestAgeMs: Math.max(0, now - row.oldestAt) };
    v.total += row.n;
    if (v.oldestAt === null || row.oldestAt < v.oldestAt) v.oldestAt = row.oldestAt;
    v.oldestAgeMs = v.oldestAt === null ? null : Math.max(0, now - v.oldestAt);
  }
  return [...byWorkflow.values()];
}

/** `GET /api/queue[?workflowId=]`: per workflow, runs queued, running, waiting (a delay, a hold) and retrying, with the oldest's age. */
export function createQueueRouter(d: { perWorkflow: () => Promise<WorkflowQueueCount[]>; now: () => number }): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    const only = typeof req.query.workflowId === 'string' ? req.query.workflowId : undefined;
    const views = queueViews(await d.perWorkflow(), d.now()).filter((v) => !only || v.workflowId === only);
    const totals = Object.fromEntries(STATES.map((s) => [s, views.reduce((sum, v) => sum + v[s].count, 0)]));
    res.json({ workflows: views, totals });
  });
  return r;
}
