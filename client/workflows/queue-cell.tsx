import type { WorkflowQueue } from '../api/ops.js';

/** "4 min" style ages. */
function age(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}

/** One workflow's unfinished runs in the workflow list: counts by state and the age of the oldest. */
export function QueueCell({ queue }: { queue: WorkflowQueue | undefined }) {
  if (!queue || queue.total === 0) return <span className="muted small">idle</span>;
  const parts = (['queued', 'running', 'waiting', 'retrying'] as const).filter((s) => queue[s].count > 0).map((s) => `${queue[s].count} ${s}`);
  const title = (['queued', 'running', 'waiting', 'retrying'] as const)
    .map((s) => `${s}: ${queue[s].count}${queue[s].oldestAgeMs !== null ? ` (oldest ${age(queue[s].oldestAgeMs ?? 0)})` : ''}`)
    .join('\n');
  return (
    <span className="small" title={title} data-testid="queue-cell">
      {parts.join(' · ')}
      {queue.oldestAgeMs !== null ? <span className="muted"> · oldest {age(queue.oldestAgeMs)}</span> : null}
    </span>
  );
}
