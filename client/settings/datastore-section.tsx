import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/http.js';
import type { DataEntry } from '../api/datastore.js';
import { useAsync } from '../lib/use-async.js';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { ErrorState, LoadingState } from '../ui/states.js';

const reasonOf = (e: unknown): string => (e instanceof ApiError || e instanceof Error ? e.message : String(e));
const preview = (v: unknown) => {
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
};

/** The form that adds an entry or replaces the one being edited: scope, key, JSON value, TTL. */
function EntryForm({ editing, canEdit, onSaved }: { editing: DataEntry | null; canEdit: boolean; onSaved: () => void }) {
  const api = useApi();
  const toast = useApp((s) => s.toast);
  const [scope, setScope] = useState(editing?.scope ?? 'global');
  const [key, setKey] = useState(editing?.key ?? '');
  const [value, setValue] = useState(editing ? JSON.stringify(editing.value, null, 2) : '');
  const [ttl, setTtl] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return setProblem('The value must be JSON: a number, "text" in quotes, true, null, [..] or {..}.');
    }
    try {
      await api.datastore.put(scope.trim(), key, parsed, ttl ? Number(ttl) : undefined);
      toast('success', `Saved ${key}.`);
      setProblem(null);
      onSaved();
    } catch (err) {
      setProblem(reasonOf(err));
    }
  };
  return (
    <form className="datastore-form" onSubmit={save} aria-label={editing ? `Edit ${editing.key}` : 'New entry'}>
      <input className="input mono" aria-label="Scope" value={scope} onChange={(e) => setScope(e.target.value)} disabled={!canEdit || editing !== null} />
      <input className="input mono" aria-label="Key" placeholder="key" value={key} onChange={(e) => setKey(e.target.value)} disabled={!canEdit || editing !== null} maxLength={512} />
      <textarea className="input mono" aria-label="Value (JSON)" placeholder='{"limit": 10}' value={value} onChange={(e) => setValue(e.target.value)} disabled={!canEdit} rows={3} />
      <input
        className="input"
        aria-label="Expires after (seconds)"
        placeholder="TTL (seconds)"
        inputMode="numeric"
        value={ttl}
        onChange={(e) => setTtl(e.target.value.replace(/\D/g, ''))}
        disabled={!canEdit}
      />
      <button className="button button-primary" disabled={!canEdit || !key || !value}>
        {editing ? 'Save' : 'Add'}
      </button>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

/** One entry: scope, key, a preview of the value, its expiry, and (for editors) edit and delete. */
function EntryRow({ entry: e, canEdit, onEdit, onDelete }: { entry: DataEntry; canEdit: boolean; onEdit: () => void; onDelete: () => void }) {
  const actions = canEdit ? (
    <>
      <button type="button" className="button button-small button-ghost" aria-label={`Edit ${e.key}`} onClick={onEdit}>
        Edit
      </button>
      <button type="button" className="button button-small button-ghost" aria-label={`Delete ${e.key}`} onClick={onDelete}>
        Delete
      </button>
    </>
  ) : null;
  return (
    <tr>
      <td className="mono small">{e.scope}</td>
      <td className="mono">{e.key}</td>
      <td className="mono small">{preview(e.value)}</td>
      <td className="small">{e.expiresAt ? new Date(e.expiresAt).toLocaleString() : 'never'}</td>
      <td>{actions}</td>
    </tr>
  );
}

/**
 * Settings › Data store: what workflows remember between runs (`datastore` steps, dedupe marks,
 * `store.*` in code), filtered by scope and key prefix; editors add, edit and delete entries.
 */
export function DataStoreSection({ canEdit }: { canEdit: boolean }) {
  const api = useApi();
  const toast = useApp((s) => s.toast);
  const [scope, setScope] = useState('');
  const [prefix, setPrefix] = useState('');
  const [editing, setEditing] = useState<DataEntry | null>(null);
  const { state, reload } = useAsync(() => api.datastore.list({ scope, prefix, limit: 100 }), [api, scope, prefix]);
  const remove = async (e: DataEntry) => {
    try {
      await api.datastore.remove(e.scope, e.key);
      toast('success', `Deleted ${e.key}.`);
    } catch (err) {
      toast('error', reasonOf(err));
    }
    reload();
  };
  const items = state.data?.items ?? [];
  return (
    <section className="card section-card" aria-labelledby="datastore-h">
      <h2 id="datastore-h">Data store</h2>
      <p className="muted small">
        Values workflows keep between runs. Scope <code>global</code> is shared by every workflow, <code>wf:&lt;id&gt;</code> is one workflow&apos;s own, <code>dedupe:…</code> holds dedupe marks.
        Values are JSON up to 64 KB.
      </p>
      <div className="datastore-filters">
        <input className="input mono" aria-label="Filter by scope" placeholder="every scope" value={scope} onChange={(e) => setScope(e.target.value)} />
        <input className="input mono" aria-label="Filter by key prefix" placeholder="key prefix" value={prefix} onChange={(e) => setPrefix(e.target.value)} />
      </div>
      {state.status === 'error' ? <ErrorState message={state.error} onRetry={reload} /> : null}
      {state.status === 'loading' && !state.data ? <LoadingState /> : null}
      {state.data && items.length === 0 ? <p className="muted small">No entries{prefix || scope ? ' match' : ' yet'}.</p> : null}
      {items.length ? (
        <table className="table" aria-label="Data store entries">
          <thead>
            <tr>
              <th>Scope</th>
              <th>Key</th>
              <th>Value</th>
              <th>Expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <EntryRow key={`${e.scope}\u0000${e.key}`} entry={e} canEdit={canEdit} onEdit={() => setEditing(e)} onDelete={() => void remove(e)} />
            ))}
          </tbody>
        </table>
      ) : null}
      {canEdit ? (
        <EntryForm
          key={editing ? `${editing.scope}\u0000${editing.key}` : 'new'}
          editing={editing}
          canEdit={canEdit}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      ) : null}
    </section>
  );
}
