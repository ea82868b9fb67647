/**
 * The order the keyboard walks the steps in: along the connections (a step comes after every
 * step that feeds it), and among steps free to come next, the one further left, then higher
 * up, as a person reads the canvas. Steps in no connection slot in by the same rule. Pure.
 */

interface Placed {
  id: string;
  position: { x: number; y: number };
}

interface Link {
  source: string;
  target: string;
}

const readingOrder = (a: Placed, b: Placed) => a.position.x - b.position.x || a.position.y - b.position.y || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function stepOrder(steps: readonly Placed[], links: readonly Link[]): string[] {
  const known = new Set(steps.map((s) => s.id));
  const waiting = new Map(steps.map((s) => [s.id, 0]));
  const next = new Map<string, string[]>();
  for (const l of links) {
    if (!known.has(l.source) || !known.has(l.target) || l.source === l.target) continue;
    waiting.set(l.target, (waiting.get(l.target) ?? 0) + 1);
    next.set(l.source, [...(next.get(l.source) ?? []), l.target]);
  }
  const byId = new Map(steps.map((s) => [s.id, s]));
  const ready = steps.filter((s) => waiting.get(s.id) === 0);
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < steps.length) {
    // A cycle (the editor refuses them, an imported graph may hold one): its leftmost step goes first.
    const pool = ready.length ? ready : steps.filter((s) => !done.has(s.id));
    const first = pool.reduce((a, b) => (readingOrder(b, a) < 0 ? b : a));
    if (ready.length) ready.splice(ready.indexOf(first), 1);
    if (done.has(first.id)) continue;
    done.add(first.id);
    order.push(first.id);
    for (const t of next.get(first.id) ?? []) {
      const left = (waiting.get(t) ?? 0) - 1;
      waiting.set(t, left);
      const step = byId.get(t);
      if (left === 0 && step && !done.has(t)) ready.push(step);
    }
  }
  return order;
}
