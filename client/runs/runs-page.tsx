import { useMemo, useState } from 'react';
import { runStatuses } from '../../shared/runs/run-status.js';
import type { RunSummary } from '../api/types.js';
import { useCan } from '../auth/can.js';
import { useAsync } from '../lib/use-async.js';
import { navigate } from '../router/router.js';
import { useApi } from '../ui/api-context.js';
import { dateTime } from '../ui/format.js';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.js';
import { Icon } from '../ui/icons.js';
import { BulkReplayDialog } from './bulk-replay-dialog.js';
import { RunSearchForm } from './run-search-form.js';
import { RunsTable } from './runs-table.js';
import { isSearch, runSearchPath, type RunSearch } from './run-search.js';

const PAGE = 50;
const POLL_MS = 2000;
const windows = { any: 0, hour: 3600e3, day: 86_400e3, week: 7 * 86_400e3 } as const;
type Window = keyof typeof windows;

/** A time as a `datetime-local` value in the browser's zone. */
const localTime = (ms: number): string => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 19);
};

/** The server's refusal of a trigger-value path (400 "where must look like …"), shown at that field. */
const whereProblem = (error: string | undefined) => (error && /^where must/.test(error) ? error : undefined);

/** All runs, newest first, filtered by status, workflow, time and a search (run-search.ts); refreshed while shown unless searching. */
export function RunsPage({ search }: { search: RunSearch }) {
  const api = useApi();
  const { workflowId = '', status = '' } = search;
  const [since, setSince] = useState<Window>('any');
  const [replaying, setReplaying] = useState(false);
  const canRun = useCan('edit');
  const [more, setMore] = useState<{ runs: RunSummary[]; cursor: string | null; searchedBackTo?: string | null; truncated?: boolean }>({ runs: [], cursor: null });
  const workflows = useAsync(() => api.workflows.list().then((r) => r.workflows), [api]);
  const key = runSearchPath(search);
  const searching = isSearch(search);
  const first = useAsync(
    () => api.runs.list({ ...search, limit: PAGE }),
    [api, key],
    () => (more.runs.length || searching ? undefined : POLL_MS),
  );
  const go = (next: RunSearch) => {
    setMore({ runs: [], cursor: null });
    navigate(runSearchPath(next), { replace: !isSearch(next) && !searching });
  };
  const setFilter = (next: { workflowId?: string; status?: string }) => go({ ...search, ...next });
  const loadMore = async () => {
    const cursor = more.cursor ?? first.state.data?.nextCursor;
    if (!cursor) return;
    const page = await api.runs.list({ ...search, limit: PAGE, cursor });
    setMore({ runs: [...more.runs, ...page.runs], cursor: page.nextCursor ?? null, searchedBackTo: page.searchedBackTo, truncated: page.truncated });
  };
  const whereError = first.state.status === 'error' ? whereProblem(first.state.error) : undefined;
  const listError = first.state.status === 'error' && !whereError ? first.state.error : undefined;
  const last = more.runs.length ? more : first.state.status === 'ready' ? first.state.data : undefined;
  const now = Date.now();
  const runs = useMemo(() => {
    if (first.state.status === 'error') return [];
    const all = [...(first.state.data?.runs ?? []), ...more.runs];
    const w = windows[since];
    return w ? all.filter((r) => now - Date.parse(r.createdAt) <= w) : all;
  }, [first.state, more.runs, since, now]);
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
      <RunSearchForm search={search} whereError={whereError} onSearch={go} />
      {listError ? <ErrorState message={listError} onRetry={first.reload} /> : null}
      {first.state.status === 'loading' && !first.state.data ? <LoadingState label="Loading runs…" /> : null}
      {first.state.status === 'ready' && runs.length === 0 ? (
        <EmptyState icon="runs" title={workflowId || status || searching || since !== 'any' ? 'No runs match these filters' : 'No runs yet'}>
          Runs appear here when a trigger URL receives a request, or when you start a test run from the editor.
        </EmptyState>
      ) : null}
      {runs.length ? <RunsTable runs={runs} now={now} /> : null}
      {last?.truncated && last.searchedBackTo ? (
        <p className="muted small center-row" role="status">
          Searched the runs back to {dateTime(last.searchedBackTo)}; older runs were not looked at yet.
        </p>
      ) : null}
      {hasMore ? (
        <div className="center-row">
          <button type="button" className="button" onClick={() => void loadMore()}>
            {last?.truncated ? 'Search older runs' : 'Load more'}
          </button>
        </div>
      ) : null}
    </div>
  );
}
