import express, { type RequestHandler, Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Switchyard</title>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto;line-height:1.5">
<h1>Switchyard is running</h1><p>The API answers under <code>/api</code> and trigger URLs under <code>/hooks</code>.
The editor has not been built: run <code>npm run build</code>.</p></body>`;

/** A year, the longest lifetime caches honour: a hashed file never changes under its name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Files without a hash in their name (index.html, public/): cached, but asked again each time. */
const REVALIDATE = 'no-cache';

/**
 * Serves the built editor with a single-page-app fallback, or a short page saying the server
 * works. Vite names every file under /assets by its content hash, so those are cached for good;
 * a missing asset is a 404, never index.html (a stale tab would otherwise run HTML as script).
 */
export function createStaticClient(dir: string): Router {
  const r = Router();
  const index = join(dir, 'index.html');
  if (existsSync(index)) {
    r.use('/assets', express.static(join(dir, 'assets'), { index: false, cacheControl: false, setHeaders: (res) => res.setHeader('cache-control', IMMUTABLE) }));
    r.use(express.static(dir, { index: false, cacheControl: false, setHeaders: (res) => res.setHeader('cache-control', REVALIDATE) }));
    const spa: RequestHandler = (req, res, next) => {
      if (req.method !== 'GET' || /^\/(api|hooks|assets)\//.test(req.path)) return next();
      res.setHeader('cache-control', REVALIDATE);
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
