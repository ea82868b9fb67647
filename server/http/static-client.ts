import express, { type RequestHandler, Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Switchyard</title>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto;line-height:1.5">
<h1>Switchyard is running</h1><p>The API answers under <code>/api</code> and trigger URLs under <code>/hooks</code>.
The editor has not been built: run <code>npm run build</code>.</p></body>`;

/** Serves the built editor with a single-page-app fallback, or a short page saying the server works. */
export function createStaticClient(dir: string): Router {
  const r = Router();
  const index = join(dir, 'index.html');
  if (existsSync(index)) {
    r.use(express.static(dir, { index: false, maxAge: '1h', immutable: false }));
    const spa: RequestHandler = (req, res, next) => {
      if (req.method !== 'GET' || req.path.startsWith('/api/') || req.path.startsWith('/hooks/')) return next();
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(index);
    };
    r.use(spa);
  } else {
    r.get('/', (_req, res) => {
      res.type('html').send(NOT_BUILT);
    });
  }
  return r;
}
