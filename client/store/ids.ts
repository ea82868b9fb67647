/**
 * Readable, deterministic ids: a dropped http node becomes `http`, then `http_2`, so expressions
 * like `{{ steps.http_2.status }}` stay legible. Ids must match the shared graph-id pattern.
 */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^[^A-Za-z_]+/, '') || 'node';
  if (!taken.has(clean)) return clean;
  for (let i = 2; ; i++) {
    const id = `${clean}_${i}`;
    if (!taken.has(id)) return id;
  }
}

/** The id of an edge between two handles; stable, so a re-made connection gets the same id. */
export function edgeId(source: string, sourceHandle: string | null | undefined, target: string, taken: ReadonlySet<string>): string {
  const handle = sourceHandle && sourceHandle !== 'out' ? `_${sourceHandle}` : '';
  return uniqueId(`e_${source}${handle}_${target}`, taken);
}
