import { useState } from 'react';
import type { LoopItem } from '../api/run-control.js';
import type { Step } from '../api/types.js';
import { useAsync } from '../lib/use-async.js';
import { useApi } from '../ui/api-context.js';
import { duration } from '../ui/format.js';
import { StatusBadge } from '../ui/status-badge.js';
import { ErrorState } from '../ui/states.js';
import { countFinishedItems } from './loop-count.js';
import { loopCounts, loopProgressText } from './run-frames.js';

const PAGE = 20;
const POLL_MS = 1500;

const preview = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
};

const errorMessage = (e: unknown): string => (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string' ? (e as { message: string }).message : preview(e));

/** One finished item: status, number, what it gave (or why it failed); opening it shows its steps. */
function ItemRow({ item, onOpen }: { item: LoopItem; onOpen: () => void }) {
  const n = item.index === null ? '?' : String(item.index + 1);
  const what = item.status === 'failed' ? errorMessage(item.error) : item.dropped ? 'dropped: the body stopped before its end' : preview(item.output);
  return (
    <li>
      <button
        type="button"
        className="loop-item"
        onClick={onOpen}
        aria-label={`Item ${n}: ${item.dropped ? 'dropped' : item.status}`}
        title={item.index === null ? undefined : `Index ${item.index} (frame ${item.frame})`}
      >
        <StatusBadge status={item.dropped ? 'skipped' : item.status} small />
        <strong>Item {n}</strong>
        <span className={`loop-item-what${item.status === 'failed' ? ' is-error' : ''}`}>{what}</span>
        <span className="muted small">{duration(item.startedAt, item.finishedAt)}</span>
      </button>
    </li>
  );
}

/**
 * A loop step's progress (n of total, failed, dropped) and a paged list of its finished items;
 * clicking an item opens its steps. `frame` is where the loop itself runs ('' at the top level).
 */
export function LoopPanel({ runId, step, frame, onOpenItem }: { runId: string; step: Step; frame: string; onOpenItem: (frame: string) => void }) {
  const api = useApi();
  const [offset, setOffset] = useState(0);
  const running = step.status === 'running';
  const counts = loopCounts(step);
  const items = (o: number, limit: number) => api.runControl.items(runId, step.nodeId, { frame, offset: o, limit });

  const progress = useAsync(
    async () => (running && counts.total !== undefined ? countFinishedItems(items, counts.total) : null),
    [api, runId, step.nodeId, frame, running, counts.total],
    () => (running ? POLL_MS : undefined),
  );
  const page = useAsync(
    () => items(offset, PAGE),
    [api, runId, step.nodeId, frame, offset, step.status],
    () => (running ? POLL_MS : undefined),
  );

  const live = progress.state.data ?? undefined;
  const shown = running ? { ...counts, ...(live ?? {}) } : counts;
  const total = counts.total ?? 0;
  const done = running ? (live?.done ?? 0) : (counts.succeeded ?? 0) + (counts.failed ?? 0) + (counts.dropped ?? 0);
  const pct = total ? Math.round((Math.min(done, total) / total) * 100) : running ? 0 : 100;
  const list = page.state.data;

  return (
    <section className="loop-panel" aria-label="Loop items">
      <div className="loop-progress" aria-label="Loop progress">
        <span className="loop-progress-text">{loopProgressText(shown, running)}</span>
        <div className="progress-bar" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={Math.min(done, total)} aria-label="Items done">
          <span style={{ width: `${pct}%` }} className={counts.failed ? 'has-failed' : undefined} />
        </div>
      </div>
      <h4 className="field-label">Items {list?.items.length ? `${offset + 1}–${offset + list.items.length}` : ''}</h4>
      {page.state.status === 'error' ? <ErrorState message={page.state.error} onRetry={page.reload} /> : null}
      {list && list.items.length === 0 ? <p className="muted small">{running ? 'No item has finished yet.' : 'This loop ran no items.'}</p> : null}
      <ol className="loop-items" aria-label="Items of the loop">
        {(list?.items ?? []).map((it) => (
          <ItemRow key={it.frame} item={it} onOpen={() => onOpenItem(it.frame)} />
        ))}
      </ol>
      {running && counts.total !== undefined && live ? (
        <p className="muted small">
          {counts.total - live.done} item{counts.total - live.done === 1 ? '' : 's'} not finished yet: running, waiting or still to start.
        </p>
      ) : null}
      {offset > 0 || list?.nextOffset ? (
        <div className="loop-pager">
          <button type="button" className="button button-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous
          </button>
          <button type="button" className="button button-small" disabled={!list?.nextOffset} onClick={() => setOffset(list?.nextOffset ?? offset)}>
            Next
          </button>
        </div>
      ) : null}
    </section>
  );
}
