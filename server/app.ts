import express, { type Router } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { AuthLayer } from './http/auth-layer.js';
import { createCatalogRouter } from './http/catalog.routes.js';
import { responseCompression } from './http/compression.js';
import { createHealthRouter, type HealthDeps } from './http/health.routes.js';
import { createRunsRouter } from './http/runs.routes.js';
import { createStaticClient } from './http/static-client.js';
import { createWorkflowsRouter, type WorkflowRoutesDeps } from './http/workflows.routes.js';
import { errorHandler, notFound } from './http/errors.js';
import { jsonBody } from './http/json-body.js';
import type { RunService } from './services/run-service.js';
import type { createIngestHandler } from './ingest/ingest-handler.js';

export interface AppDeps {
  logger: Logger;
  /** Sign-in, CSRF, the rights table, audit, security headers and CORS (http/auth-layer.ts). */
  authLayer: AuthLayer;
  workflows: WorkflowRoutesDeps;
  runs: RunService;
  ingest: ReturnType<typeof createIngestHandler>;
  /** The built editor (dist/client), served at `/`. */
  clientDir: string;
  startedAt: number;
  /** Readiness checks and the metrics registry behind `/readyz` and `/metrics`. */
  health?: Omit<HealthDeps, 'startedAt'>;
  /** Resume URLs of wait and approval steps (public: the signed URL is the credential), under /resume. */
  resume?: Router;
  /** More authenticated API routers, mounted under /api/<path>. */
  extraApiRouters?: Record<string, Router>;
  /** Pages outside /api (the OAuth2 callback), mounted before the editor's files. */
  pages?: Router[];
}

/** `/hooks/<token>` runs the published version; `/hooks/test/<token>` runs the draft. */
const HOOK_PATH = /^\/hooks\/(test\/)?([A-Za-z0-9_-]{1,128})\/?$/;
/** `/forms/<token>`: a form trigger's hosted page (GET) and its submissions (POST). */
const FORM_PATH = /^\/forms\/([A-Za-z0-9_-]{1,128})\/?$/;

/**
 * The request listener, without a socket: trigger URLs go straight to the ingest handler (the
 * hot path, no framework in the way), everything else to the Express app.
 */
export function createApp(d: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(d.authLayer.head);
  app.use(responseCompression());
  app.use(createHealthRouter({ ...d.health, startedAt: d.startedAt }));

  if (d.resume) app.use('/resume', d.resume);
  const api = express.Router();
  api.use(jsonBody('5mb'));
  api.use('/auth', d.authLayer.publicAuth);
  api.use(d.authLayer.guard);
  api.use('/workflows', createWorkflowsRouter(d.workflows));
  api.use('/runs', createRunsRouter(d.runs));
  for (const [path, router] of Object.entries(d.authLayer.routers)) api.use(`/${path}`, router);
  api.use(createCatalogRouter());
  for (const [path, router] of Object.entries(d.extraApiRouters ?? {})) api.use(`/${path}`, router);
  api.use(notFound);
  app.use('/api', api);
  for (const page of d.pages ?? []) app.use(page);
  app.use(createStaticClient(d.clientDir));
  app.use(notFound);
  app.use(errorHandler(d.logger));

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    if (url.startsWith('/hooks/')) {
      const parsed = new URL(url, 'http://localhost');
      const m = HOOK_PATH.exec(parsed.pathname);
      if (m?.[2]) {
        d.ingest(req, res, m[2], parsed, m[1] !== undefined).catch((err: unknown) => {
          d.logger.error({ err }, 'ingest failed unexpectedly');
          if (!res.headersSent) {
            res.writeHead(500, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: { code: 'INTERNAL', message: 'The event could not be handled; nothing was accepted.' } }));
          } else res.destroy();
        });
        return;
      }
    }
    const form = url.startsWith('/forms/') ? FORM_PATH.exec(new URL(url, 'http://localhost').pathname) : null;
    if (form?.[1]) {
      d.ingest.form(req, res, form[1], new URL(url, 'http://localhost')).catch((err: unknown) => {
        d.logger.error({ err }, 'form submission failed unexpectedly');
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('The form could not be handled; nothing was stored.');
        } else res.destroy();
      });
      return;
    }
    app(req, res);
  };
  return { handler, express: app };
}
