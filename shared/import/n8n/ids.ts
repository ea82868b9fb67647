/** Stable node ids from n8n node names: the same export always gives the same ids. */

const MAX = 48;

export function slugId(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX);
  if (base === '') return 'node';
  return /^[a-z_]/.test(base) ? base : `n_${base}`;
}

/** Ids for names in order; a repeated slug gets `_2`, `_3`. `taken` holds ids already used. */
export function assignIds(names: readonly string[], taken: ReadonlySet<string> = new Set()): string[] {
  const used = new Set(taken);
  return names.map((name) => {
    const base = slugId(name);
    let id = base;
    for (let i = 2; used.has(id); i++) id = `${base}_${i}`;
    used.add(id);
    return id;
  });
}
