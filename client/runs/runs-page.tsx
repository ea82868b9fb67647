import { useMemo, useState } from 'react';
import { runStatuses } from '../../shared/runs/run-status.js';
import type { RunSummary } from '../api/types.js';
import { useCan } from '../auth/can.js';
import { useAsync } from '../lib/use-async.js';
import { Link } from '../router/link.js';
import { navigate } from '../router/router.js';
import { useApi } from '../ui/api-context.js';
import { dateTime, duration, shortId, timeAgo } from '../ui/format.js';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.js';
import { StatusBadge } from '../ui/status-badge.js';
import { Icon } from '../ui/icons.js';
import { BulkReplayDialog } from './bulk-replay-dialog.js';
import { untilText } from '../editor/schedule-text.js';

const PAGE = 50;
const POLL_MS = 2000;
const windows = { any: 0, hour: 3600e3, day: 86_400e3, week: 7 * 86_400e3 } as const;
type Window = keyof typeof windows;

/** A time as a `datetime-local` value in the browser's zone. */
const localTime = (ms: number): string => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 19);
};

/** All runs, newest first, filtered by status, workflow and time; refreshed while shown. */
export function RunsPage({ workflowId = '', status = '' }: { workflowId?: string; status?: string }) {
  const api = useApi();
  const [since, setSince] = useState<Window>('any');
  const [replaying, setReplaying] = useState(false);
  const canRun = useCan('edit');
  const [more, setMore] = useState<{ runs: RunSummary[]; cursor: string | null }>({ runs: [], cursor: null });
  const workflows = useAsync(() => api.workflows.list().then((r) => r.workflows), [api]);
  const first = useAsync(
    () => api.runs.list({ workflowId: workflowId || undefined, status: status || undefined, limit: PAGE }),
    [api, workflowId, status],
    () => (more.runs.length ? undefined : POLL_MS),
  );
  const setFilter = (next: { workflowId?: string; status?: string }) => {
    const q = new URLSearchParams();
    const w = next.workflowId ?? workflowId;
    const s = next.status ?? status;
    if (w) q.set('workflowId', w);
    if (s) q.set('status', s);
    setMore({ runs: [], cursor: null });
    navigate(`/runs${q.size ? `?${q}` : ''}`, { replace: true });
  };
  const loadMore = async () => {
    const cursor = more.cursor ?? first.state.data?.nextCursor;
    if (!cursor) return;
    const page = await api.runs.list({ workflowId: workflowId || undefined, status: status || undefined, limit: PAGE, cursor });
    setMore({ runs: [...more.runs, ...page.runs], cursor: page.nextCursor ?? null });
  };
  const now = Date.now();
  const runs = useMemo(() => {
    const all = [...(first.state.data?.runs ?? []), ...more.runs];
    const w = windows[since];
    return w ? all.filter((r) => now - Date.parse(r.createdAt) <= w) : all;
  }, [first.state.data, more.runs, since, now]);
  const hasMore = more.runs.length ? more.cursor !== null : Boolean(first.state.data?.nextCursor);

  return (
    <div className="page-inner">
      <header className="page-header">
        <div>
          <h1>Runs</h1>
          <p className="muted">Every execution, with each step's input, output and errors.</p>
        </div>
        {canRun ? (
          <button type="button" className="button" onClick={() => setReplaying(true)}>
            <Icon name="replay" size={14} />
            Replay runs…
          </button>
        ) : null}
      </header>
      <BulkReplayDialog
        open={replaying}
        onClose={() => setReplaying(false)}
        workflows={workflows.state.data ?? []}
        onDone={first.reload}
        initial={{ workflowId, status, from: windows[since] ? localTime(now - windows[since]) : '' }}
      />
      <div className="toolbar-row filters">
        <label className="field-inline">
          <span>Status</span>
          <select className="input" value={status} onChange={(e) => setFilter({ status: e.target.value })} aria-label="Filter by status">
            <option value="">All</option>
            {runStatuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>Workflow</span>
          <select className="input" value={workflowId} onChange={(e) => setFilter({ workflowId: e.target.value })} aria-label="Filter by workflow">
            <option value="">All workflows</option>
            {(workflows.state.data ?? []).map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>Time</span>
          <select className="input" value={since} onChange={(e) => setSince(e.target.value as Window)} aria-label="Filter by time">
            <option value="any">Any time</option>
            <option value="hour">Last hour</option>
            <option value="day">Last 24 hours</option>
            <option value="week">Last 7 days</option>
          </select>
        </label>
        <span className="live-dot" title="Updates every 2 seconds">
          <span className="pulse" aria-hidden="true" />
          Live
        </span>
      </div>
      {first.state.status === 'error' ? <ErrorState message={first.state.error} onRetry={first.reload} /> : null}
      {first.state.status === 'loading' && !first.state.data ? <LoadingState label="Loading runs…" /> : null}
      {first.state.status === 'ready' && runs.length === 0 ? (
        <EmptyState icon="runs" title={workflowId || status || since !== 'any' ? 'No runs match these filters' : 'No runs yet'}>
          Runs appear here when a trigger URL receives a request, or when you start a test run from the editor.
        </EmptyState>
      ) : null}
      {runs.length ? (
        <div className="card table-card">
          <table className="table">
            <thead>
              <tr>
                <th>Status</th>
                <th>Workflow</th>
                <th>Version</th>
                <th>Started</th>
                <th>Duration</th>
                <th>Run</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} className="clickable" onClick={() => navigate(`/runs/${encodeURIComponent(r.id)}`)}>
                  <td>
                    <StatusBadge status={r.status} />
                    {r.status === 'waiting' && r.wakeAt ? (
                      <div className="muted small" title={r.wakeAt}>
                        resumes {untilText(r.wakeAt, now)}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    <Link to={`/runs/${encodeURIComponent(r.id)}`} className="row-title">
                      {r.workflowName ?? r.workflowId}
                    </Link>
                  </td>
                  <td className="muted">v{r.version}</td>
                  <td className="muted small" title={r.createdAt}>
                    {timeAgo(r.createdAt, now)}
                    <div>{dateTime(r.createdAt)}</div>
                  </td>
                  <td className="muted small">{duration(r.startedAt ?? r.createdAt, r.finishedAt)}</td>
                  <td>
                    <code className="small" title={r.id}>
                      {shortId(r.id)}
                    </code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {hasMore ? (
        <div className="center-row">
          <button type="button" className="button" onClick={() => void loadMore()}>
            Load more
          </button>
        </div>
      ) : null}
    </div>
  );
}
