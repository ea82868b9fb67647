// Reading a V8 .cpuprofile (from node --cpu-prof): where the time went, by function. Pure.

const label = (f) => `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;

/**
 * Self and inclusive time per function, largest inclusive first. The profiler samples on a
 * wall clock, so time blocked in a synchronous call (an fsync inside a SQLite commit) counts
 * against the function that made the call.
 */
export function timeByFunction(profile, limit = 40) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const incl = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const d = profile.timeDeltas[i] ?? 0;
    total += d;
    const own = label(byId.get(id).callFrame);
    self.set(own, (self.get(own) ?? 0) + d);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const key = label(byId.get(cur).callFrame);
      if (seen.has(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + d);
    }
  });
  const pct = (us) => Math.round((us / total) * 1000) / 10;
  return [...incl.entries()]
    .filter(([fn]) => !fn.startsWith('(root)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([fn, us]) => ({ fn, inclusivePct: pct(us), selfPct: pct(self.get(fn) ?? 0) }));
}
