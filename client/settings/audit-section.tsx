import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry } from '../api/access.js';
import { useApi } from '../ui/api-context.js';
import { timeAgo } from '../ui/format.js';
import { ErrorState, LoadingState } from '../ui/states.js';

const types = ['', 'workflow', 'credential', 'user', 'invite', 'api_key', 'session', 'run', 'trigger'];
const short = (v: unknown) => {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text === undefined ? '—' : text.length > 120 ? `${text.slice(0, 120)}…` : text;
};
type Change = { op: string; path: string; before?: unknown; after?: unknown };
const isChangeList = (v: unknown): v is Change[] => Array.isArray(v) && v.every((c) => typeof c === 'object' && c !== null && 'path' in c);

/** What changed, field by field when the log has a diff, else the states before and after. */
function Detail({ e }: { e: AuditEntry }) {
  if (isChangeList(e.changes) && e.changes.length > 0) {
    return (
      <ul className="audit-changes">
        {e.changes.map((c, i) => (
          <li key={i}>
            <code>{c.path}</code> {c.op === 'add' ? 'added' : c.op === 'remove' ? 'removed' : 'changed'}
            {c.op !== 'add' ? (
              <>
                {' '}
                from <code>{short(c.before)}</code>
              </>
            ) : null}
            {c.op !== 'remove' ? (
              <>
                {' '}
                to <code>{short(c.after)}</code>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    );
  }
  const parts = [
    ['Before', e.before],
    ['After', e.after],
    ['Changes', e.changes],
  ].filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0));
  if (!parts.length) return <p className="muted small">No further detail.</p>;
  return (
    <>
      {parts.map(([label, v]) => (
        <div key={String(label)}>
          <strong className="small">{String(label)}</strong>
          <pre className="audit-json">{JSON.stringify(v, null, 2)}</pre>
        </div>
      ))}
    </>
  );
}

/** Settings › Audit log (owners only): who changed what and when, newest first, filterable, paged. */
export function AuditSection() {
  const api = useApi();
  const [filter, setFilter] = useState({ targetType: '', action: '' });
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<{ loading: boolean; error?: string }>({ loading: true });

  const load = useCallback(
    async (from?: string) => {
      setStatus({ loading: true });
      try {
        const page = await api.access.audit({ ...filter, limit: 25, ...(from ? { cursor: from } : {}) });
        setEntries((old) => (from ? [...old, ...page.entries] : page.entries));
        setCursor(page.nextCursor);
        setStatus({ loading: false });
      } catch (err) {
        setStatus({ loading: false, error: err instanceof Error ? err.message : String(err) });
      }
    },
    [api, filter],
  );
  useEffect(() => void load(), [load]);
  const now = Date.now();

  return (
    <section className="card section-card" aria-labelledby="audit-h">
      <div className="section-head">
        <h2 id="audit-h">Audit log</h2>
        <div className="audit-filters">
          <select className="input" aria-label="Filter by kind" value={filter.targetType} onChange={(e) => setFilter({ ...filter, targetType: e.target.value })}>
            {types.map((t) => (
              <option key={t} value={t}>
                {t ? t.replace('_', ' ') : 'Everything'}
              </option>
            ))}
          </select>
          <input
            className="input"
            placeholder="Action, e.g. workflow.update"
            aria-label="Filter by action"
            value={filter.action}
            onChange={(e) => setFilter({ ...filter, action: e.target.value.trim() })}
          />
        </div>
      </div>
      <p className="muted small">Every change to workflows, credentials (names and types only, never values), people, keys and settings.</p>
      {status.error ? <ErrorState message={status.error} onRetry={() => void load()} /> : null}
      {entries.length === 0 && !status.loading && !status.error ? <p className="muted">Nothing recorded{filter.targetType || filter.action ? ' for this filter' : ''}.</p> : null}
      <ol className="audit-list" aria-label="Audit entries">
        {entries.map((e) => (
          <li key={e.id}>
            <details>
              <summary>
                <span className="muted small audit-time" title={new Date(e.at).toLocaleString()}>
                  {timeAgo(new Date(e.at).toISOString(), now)}
                </span>
                <strong>{e.actor.name}</strong> <code>{e.action}</code> {e.target.name ?? e.target.id ?? ''}
              </summary>
              <div className="audit-detail">
                <Detail e={e} />
              </div>
            </details>
          </li>
        ))}
      </ol>
      {status.loading ? <LoadingState /> : null}
      {cursor && !status.loading ? (
        <button type="button" className="button" onClick={() => void load(cursor)}>
          Load older entries
        </button>
      ) : null}
    </section>
  );
}
