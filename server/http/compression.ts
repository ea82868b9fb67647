import compression from 'compression';
import type { RequestHandler } from 'express';

/**
 * Brotli or gzip (whichever the client prefers) for the editor's files and the API's JSON.
 * Bodies under 1 KB go out as they are: compressing them saves nothing. Trigger URLs never
 * pass through here (app.ts hands /hooks/* to the ingest handler before Express), so their
 * raw bodies and 202 acknowledgements are untouched.
 */
export function responseCompression(): RequestHandler {
  return compression({ threshold: 1024 });
}
