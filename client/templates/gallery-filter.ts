import type { TemplateSummary } from '../api/template-schemas.js';

/** The gallery's categories in the order templates first use them, with how many each holds. */
export function categoriesOf(list: readonly TemplateSummary[]): Array<{ category: string; count: number }> {
  const counts = new Map<string, number>();
  for (const t of list) counts.set(t.category, (counts.get(t.category) ?? 0) + 1);
  return [...counts].map(([category, count]) => ({ category, count }));
}

const haystack = (t: TemplateSummary) =>
  [t.name, t.description, t.category, t.trigger.provider, ...t.trigger.events, ...t.tags, ...t.nodeTypes, ...t.credentials.map((c) => c.label)].join(' ').toLowerCase();

/**
 * Templates in a category (or all) whose text holds every word of the query, in any order:
 * "stripe slack" finds "Stripe payment succeeded → Slack". Pure, so it is unit-tested.
 */
export function filterTemplates(list: readonly TemplateSummary[], query: string, category: string | null): TemplateSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return list.filter((t) => (category === null || t.category === category) && (words.length === 0 || words.every((w) => haystack(t).includes(w))));
}
