import { timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import type { Readiness } from '../ops/readiness.js';

export interface HealthDeps {
  startedAt: number;
  /** `/readyz`; without it the route answers like `/healthz`. */
  readiness?: Readiness;
  /** `/metrics` in the Prometheus text format; without it the route is absent. */
  metrics?: { contentType: string; render: () => Promise<string> };
  /** When set, `/metrics` requires `Authorization: Bearer <token>`. */
  metricsToken?: string;
}

const bearerMatches = (req: Request, token: string): boolean => {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
};

/**
 * Liveness (`/healthz`: the process answers), readiness (`/readyz`: it can do its work; 503
 * with the failing checks otherwise) and metrics (`/metrics`). No API key: probes and
 * scrapers call them; `/metrics` takes a token of its own when METRICS_TOKEN is set.
 */
export function createHealthRouter(d: HealthDeps): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeMs: Date.now() - d.startedAt });
  });
  r.get('/readyz', async (_req, res) => {
    if (!d.readiness) return void res.json({ status: 'ready', checks: {} });
    const report = await d.readiness.check();
    res.status(report.ready ? 200 : 503).json({ status: report.ready ? 'ready' : 'not_ready', checks: report.checks });
  });
  const metrics = d.metrics;
  if (metrics) {
    r.get('/metrics', async (req, res) => {
      if (d.metricsToken && !bearerMatches(req, d.metricsToken)) {
        return void res.status(401).json({ error: { code: 'UNAUTHORIZED', message: 'Metrics need `Authorization: Bearer <METRICS_TOKEN>`.' } });
      }
      res.type(metrics.contentType).send(await metrics.render());
    });
  }
  return r;
}
