import type { RouteRight } from './rights.js';

/** A table row that matched a request, with its `:params` decoded. */
export interface RightsMatch {
  right: RouteRight;
  params: Record<string, string>;
}

/** A path segment: a literal (lower-cased) or a named parameter. */
type Segment = { literal: string } | { param: string };

interface Compiled {
  right: RouteRight;
  segments: Segment[];
  literals: number;
}

const split = (path: string) => path.split('/').filter((s) => s !== '');

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/**
 * Matches a method and an /api-relative path against the rights table the way Express routes
 * do (case-insensitive literals, one segment per `:param`, trailing slash ignored). When two
 * rows match, the one with more literal segments wins (`/runs/replay` over `/runs/:id`).
 */
export function createRightsMatcher(table: readonly RouteRight[]) {
  const compiled: Compiled[] = table.map((right) => {
    const segments = split(right.path).map((s): Segment => (s.startsWith(':') ? { param: s.slice(1) } : { literal: s.toLowerCase() }));
    return { right, segments, literals: segments.filter((s) => 'literal' in s).length };
  });

  return (method: string, path: string): RightsMatch | undefined => {
    const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
    const parts = split(path);
    let best: RightsMatch | undefined;
    let bestLiterals = -1;
    for (const c of compiled) {
      if (c.right.method !== m || c.segments.length !== parts.length || c.literals <= bestLiterals) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const seg = c.segments[i];
        const part = parts[i] ?? '';
        if (!seg) ok = false;
        else if ('literal' in seg) ok = seg.literal === part.toLowerCase();
        else {
          const value = decode(part);
          if (value === undefined) ok = false;
          else params[seg.param] = value;
        }
      }
      if (ok) {
        best = { right: c.right, params };
        bestLiterals = c.literals;
      }
    }
    return best;
  };
}
export type RightsMatcher = ReturnType<typeof createRightsMatcher>;
