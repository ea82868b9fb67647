import type { WorkflowSummary } from '../api/types.js';

/** Every tag of the listed workflows, once (first spelling wins, compared without regard to case), sorted. */
export function allTags(workflows: readonly WorkflowSummary[]): string[] {
  const seen = new Map<string, string>();
  for (const w of workflows) for (const t of w.tags) if (!seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

/** Whether a workflow has the tag (no tag chosen: every workflow). */
export const hasTag = (w: WorkflowSummary, tag: string): boolean => tag === '' || w.tags.some((t) => t.toLowerCase() === tag.toLowerCase());

/** The tag picker of the workflow list: "All tags" or one of them. */
export function TagFilter({ tags, value, onChange }: { tags: readonly string[]; value: string; onChange: (tag: string) => void }) {
  if (tags.length === 0) return null;
  return (
    <select className="input tag-filter" aria-label="Filter by tag" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">All tags</option>
      {tags.map((t) => (
        <option key={t} value={t}>
          {t}
        </option>
      ))}
    </select>
  );
}

/** A workflow's tags as chips; clicking one filters the list by it. */
export function TagChips({ tags, onPick }: { tags: readonly string[]; onPick: (tag: string) => void }) {
  if (tags.length === 0) return null;
  return (
    <div className="tag-chips">
      {tags.map((t) => (
        <button key={t} type="button" className="chip chip-tag" title={`Show the workflows tagged ${t}`} onClick={() => onPick(t)}>
          {t}
        </button>
      ))}
    </div>
  );
}
