import { useMemo, useState } from 'react';
import type { WorkflowSummary } from '../api/types.js';
import { useAsync } from '../lib/use-async.js';
import { ImportN8nButton } from './import-n8n-dialog.js';
import { QueueCell } from './queue-cell.js';
import { allTags, hasTag, TagChips, TagFilter } from './workflow-tags.js';
import { useCan } from '../auth/can.js';
import { Link } from '../router/link.js';
import { navigate } from '../router/router.js';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { Dialog } from '../ui/dialog.js';
import { timeAgo } from '../ui/format.js';
import { Icon } from '../ui/icons.js';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.js';
import { StatusBadge } from '../ui/status-badge.js';
import { Switch } from '../ui/switch.js';

const POLL_MS = 5000;

/** Every workflow with its state at a glance; search, toggle, open, delete. */
export function WorkflowsPage() {
  const api = useApi();
  const toast = useApp((s) => s.toast);
  const canEdit = useCan('edit');
  const [query, setQuery] = useState('');
  const [tag, setTag] = useState('');
  const [deleting, setDeleting] = useState<WorkflowSummary | null>(null);
  const { state, reload, setData } = useAsync(() => api.workflows.list().then((r) => r.workflows), [api], POLL_MS);
  const queues = useAsync(() => api.ops.queue().then((q) => new Map(q.workflows.map((w) => [w.workflowId, w]))), [api], POLL_MS).state.data;
  const now = Date.now();
  const all = useMemo(() => state.data ?? [], [state.data]);
  const tags = useMemo(() => allTags(all), [all]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return all.filter((w) => hasTag(w, tag) && (!q || w.name.toLowerCase().includes(q) || (w.triggerType ?? '').includes(q) || w.tags.some((t) => t.toLowerCase().includes(q))));
  }, [all, query, tag]);

  const toggle = async (w: WorkflowSummary, on: boolean) => {
    setData(all.map((x) => (x.id === w.id ? { ...x, active: on } : x)));
    try {
      await (on ? api.workflows.activate(w.id) : api.workflows.deactivate(w.id));
      toast('success', `${w.name} is ${on ? 'active' : 'inactive'}.`);
    } catch (e) {
      toast('error', `Could not ${on ? 'activate' : 'deactivate'} ${w.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    reload();
  };

  const remove = async () => {
    if (!deleting) return;
    const w = deleting;
    setDeleting(null);
    try {
      await api.workflows.remove(w.id);
      toast('success', `Deleted ${w.name}.`);
    } catch (e) {
      toast('error', `Could not delete ${w.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    reload();
  };

  return (
    <div className="page-inner">
      <header className="page-header">
        <div>
          <h1>Workflows</h1>
          <p className="muted">Webhook triggers, steps and where the data goes.</p>
        </div>
        {canEdit ? (
          <div className="header-actions" style={{ display: 'flex', gap: 'var(--s2)' }}>
            <button type="button" className="button" onClick={() => navigate('/templates')}>
              <Icon name="flow" /> New from template
            </button>
            <ImportN8nButton />
            <button type="button" className="button button-primary" onClick={() => navigate('/workflows/new')}>
              <Icon name="plus" /> New workflow
            </button>
          </div>
        ) : null}
      </header>
      {all.length > 0 ? (
        <div className="toolbar-row">
          <label className="search-box">
            <Icon name="search" />
            <input type="search" placeholder="Search workflows" aria-label="Search workflows" value={query} onChange={(e) => setQuery(e.target.value)} />
          </label>
          <TagFilter tags={tags} value={tag} onChange={setTag} />
          <span className="muted">
            {shown.length} of {all.length}
          </span>
        </div>
      ) : null}
      {state.status === 'error' ? <ErrorState message={state.error} onRetry={reload} /> : null}
      {state.status === 'loading' && !state.data ? <LoadingState label="Loading workflows…" /> : null}
      {state.status === 'ready' && all.length === 0 ? (
        <EmptyState
          icon="flow"
          title="No workflows yet"
          action={
            canEdit ? (
              <button type="button" className="button button-primary" onClick={() => navigate('/workflows/new')}>
                <Icon name="plus" /> Create your first workflow
              </button>
            ) : undefined
          }
        >
          A workflow starts with a trigger (a URL that receives webhooks), then filters, reshapes and sends the data on.
        </EmptyState>
      ) : null}
      {all.length > 0 && shown.length === 0 ? (
        <p className="muted empty-inline">
          No workflow matches “{query}”{tag ? ` with the tag ${tag}` : ''}.
        </p>
      ) : null}
      {shown.length > 0 ? (
        <div className="card table-card">
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Trigger</th>
                <th>Active</th>
                <th>Last run</th>
                <th className="num">Runs (24 h)</th>
                <th>Queue</th>
                <th>Updated</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((w) => (
                <tr key={w.id}>
                  <td>
                    <Link to={`/workflows/${encodeURIComponent(w.id)}`} className="row-title">
                      {w.name}
                    </Link>
                    <div className="muted small">v{w.version}</div>
                    <TagChips tags={w.tags} onPick={setTag} />
                  </td>
                  <td>{w.triggerType ? <span className="chip">{w.triggerType}</span> : <span className="muted">—</span>}</td>
                  <td>
                    {canEdit ? (
                      <Switch checked={w.active} label={`${w.name} active`} onChange={(on) => void toggle(w, on)} />
                    ) : (
                      <span className={`pill ${w.active ? 'pill-green' : 'pill-grey'}`}>{w.active ? 'active' : 'inactive'}</span>
                    )}
                  </td>
                  <td>
                    {w.lastRun ? (
                      <Link to={`/runs/${encodeURIComponent(w.lastRun.id)}`} className="run-link">
                        <StatusBadge status={w.lastRun.status} small /> <span className="muted small">{timeAgo(w.lastRun.createdAt, now)}</span>
                      </Link>
                    ) : (
                      <span className="muted">No runs yet</span>
                    )}
                  </td>
                  <td className="num">
                    <Link to={`/runs?workflowId=${encodeURIComponent(w.id)}`}>{w.runsLastDay}</Link>
                  </td>
                  <td>
                    <QueueCell queue={queues?.get(w.id)} />
                  </td>
                  <td className="muted small">{timeAgo(w.updatedAt, now)}</td>
                  <td className="actions">
                    {canEdit ? (
                      <button type="button" className="icon-button" aria-label={`Delete ${w.name}`} title="Delete" onClick={() => setDeleting(w)}>
                        <Icon name="trash" />
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Dialog
        open={deleting !== null}
        title="Delete workflow?"
        onClose={() => setDeleting(null)}
        footer={
          <>
            <button type="button" className="button" onClick={() => setDeleting(null)}>
              Cancel
            </button>
            <button type="button" className="button button-danger" onClick={() => void remove()}>
              Delete
            </button>
          </>
        }
      >
        <p>
          <strong>{deleting?.name}</strong> and its trigger URL stop working. Past runs stay visible.
        </p>
      </Dialog>
    </div>
  );
}
