/** One route an Express app serves: the method and the full path pattern. */
export interface ServedRoute {
  method: string;
  path: string;
}

interface LayerLike {
  route?: { path?: unknown; methods?: Record<string, boolean> };
  handle?: { stack?: unknown };
  rawPath?: unknown;
}

const join = (prefix: string, path: string) => `${prefix}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
const pathsOf = (p: unknown): string[] => (Array.isArray(p) ? p.flat(Infinity) : [p]).filter((x): x is string => typeof x === 'string');

function walk(stack: unknown, prefix: string, out: ServedRoute[]): void {
  if (!Array.isArray(stack)) return;
  for (const layer of stack as LayerLike[]) {
    if (layer.route) {
      const methods = Object.keys(layer.route.methods ?? {}).filter((m) => m !== '_all');
      for (const p of pathsOf(layer.route.path)) for (const m of methods) out.push({ method: m.toUpperCase(), path: join(prefix, p) });
    } else if (layer.handle && Array.isArray(layer.handle.stack)) {
      // A mounted router: `rawPath` is its mount path ('/' for a router used without one).
      for (const p of pathsOf(layer.rawPath ?? '/')) walk(layer.handle.stack, join(prefix, p), out);
    }
  }
}

/**
 * Every route an Express 5 app serves, found by walking its router stacks (router 2.x keeps
 * each layer's `rawPath`). Tests use it to prove the rights table lists every /api route.
 */
export function listServedRoutes(app: { router?: unknown }): ServedRoute[] {
  const out: ServedRoute[] = [];
  const root = app.router as { stack?: unknown } | undefined;
  walk(root?.stack, '', out);
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
