import { useEffect, useId, useState, type FormEvent } from 'react';
import { isoFromLocal, localFromIso, type RunSearch } from './run-search.js';

type Fields = { dedupeKey: string; errorCode: string; from: string; to: string; where: string };
const fieldsOf = (s: RunSearch): Fields => ({ dedupeKey: s.dedupeKey ?? '', errorCode: s.errorCode ?? '', from: localFromIso(s.from), to: localFromIso(s.to), where: s.where ?? '' });

/**
 * Finding runs: by a provider's event id or dedupe key, error code, time range, and a value at
 * a path of the trigger (`trigger.body.data.object.id = pi_123`). Submitting puts the filters in
 * the URL (shareable); `whereError` is the server's refusal of the path, shown at its field.
 */
export function RunSearchForm({ search, whereError, onSearch }: { search: RunSearch; whereError?: string; onSearch: (next: RunSearch) => void }) {
  const id = useId();
  const [f, setF] = useState<Fields>(() => fieldsOf(search));
  // A link or Back changes the URL: the form shows what is searched.
  useEffect(() => setF(fieldsOf(search)), [search.dedupeKey, search.errorCode, search.from, search.to, search.where]);
  const set = (key: keyof Fields) => (e: { target: { value: string } }) => setF({ ...f, [key]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch({ ...search, dedupeKey: f.dedupeKey, errorCode: f.errorCode, from: isoFromLocal(f.from), to: isoFromLocal(f.to), where: f.where });
  };
  const clear = () => onSearch({ workflowId: search.workflowId, status: search.status });
  return (
    <form className="run-search card" role="search" aria-label="Search runs" onSubmit={submit}>
      <label className="field">
        <span className="field-label">Event id or dedupe key</span>
        <input className="input" value={f.dedupeKey} onChange={set('dedupeKey')} placeholder="evt_1N3x… or an Idempotency-Key" spellCheck={false} />
      </label>
      <label className="field">
        <span className="field-label">Error code</span>
        <input className="input" value={f.errorCode} onChange={set('errorCode')} placeholder="http_5xx" spellCheck={false} />
      </label>
      <label className="field">
        <span className="field-label">From</span>
        <input className="input" type="datetime-local" value={f.from} onChange={set('from')} />
      </label>
      <label className="field">
        <span className="field-label">To</span>
        <input className="input" type="datetime-local" value={f.to} onChange={set('to')} />
      </label>
      <div className="field run-search-where">
        <label className="field-label" htmlFor={`${id}-where-input`}>
          Trigger value
        </label>
        <input
          id={`${id}-where-input`}
          className="input"
          value={f.where}
          onChange={set('where')}
          placeholder="trigger.body.data.object.id = pi_123"
          spellCheck={false}
          aria-invalid={whereError ? true : undefined}
          aria-describedby={`${id}-where`}
        />
        {whereError ? (
          <small id={`${id}-where`} className="field-error" role="alert">
            {whereError}
          </small>
        ) : (
          <small id={`${id}-where`} className="field-help">
            A path into the trigger’s body, query or headers, then = and the value.
          </small>
        )}
      </div>
      <div className="run-search-actions">
        <button type="submit" className="button button-primary">
          Search
        </button>
        <button type="button" className="button button-ghost" onClick={clear}>
          Clear
        </button>
      </div>
    </form>
  );
}
