import { Router } from 'express';
import type { JobRepo } from '../db/job-repo.js';

/** Liveness and a first Prometheus text exposition (queue depth); no auth, no secrets. */
export function createHealthRouter(d: { jobs: JobRepo; startedAt: number }): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeMs: Date.now() - d.startedAt });
  });
  r.get('/metrics', (_req, res) => {
    const lines = ['# HELP switchyard_up 1 while the server runs.', '# TYPE switchyard_up gauge', 'switchyard_up 1'];
    lines.push('# HELP switchyard_queue_jobs Jobs in the run queue by status.', '# TYPE switchyard_queue_jobs gauge');
    const depth = new Map(d.jobs.depth().map((row) => [row.status, row.n]));
    for (const status of ['queued', 'running', 'retry_wait']) lines.push(`switchyard_queue_jobs{status="${status}"} ${depth.get(status as never) ?? 0}`);
    res.type('text/plain; version=0.0.4').send(`${lines.join('\n')}\n`);
  });
  return r;
}
