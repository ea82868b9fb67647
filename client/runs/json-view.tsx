import { useState } from 'react';

type Key = string | number;

function Scalar({ v }: { v: unknown }) {
  if (v === null) return <span className="j-null">null</span>;
  if (typeof v === 'string') return <span className="j-str">{JSON.stringify(v)}</span>;
  if (typeof v === 'number') return <span className="j-num">{String(v)}</span>;
  if (typeof v === 'boolean') return <span className="j-bool">{String(v)}</span>;
  return <span className="j-null">{v === undefined ? 'undefined' : String(v)}</span>;
}

function Node({ name, value, depth }: { name?: Key; value: unknown; depth: number }) {
  const isArr = Array.isArray(value);
  const isObj = value !== null && typeof value === 'object';
  const label = name === undefined ? null : <span className="j-key">{typeof name === 'number' ? name : name}:</span>;
  if (!isObj)
    return (
      <div className="j-line">
        {label} <Scalar v={value} />
      </div>
    );
  const entries: [Key, unknown][] = isArr ? (value as unknown[]).map((v, i) => [i, v]) : Object.entries(value as object);
  const summary = isArr ? `[${entries.length}]` : `{${entries.length}}`;
  if (!entries.length)
    return (
      <div className="j-line">
        {label} <span className="j-null">{isArr ? '[]' : '{}'}</span>
      </div>
    );
  return (
    <details className="j-node" open={depth < 2}>
      <summary>
        {label} <span className="j-meta">{summary}</span>
      </summary>
      <div className="j-children">
        {entries.map(([k, v]) => (
          <Node key={String(k)} name={k} value={v} depth={depth + 1} />
        ))}
      </div>
    </details>
  );
}

/** JSON as a collapsible tree (native <details>, keyboard-friendly) or as raw text. */
export function JsonView({ value, label, empty = 'Nothing here' }: { value: unknown; label: string; empty?: string }) {
  const [raw, setRaw] = useState(false);
  if (value === undefined) return <p className="muted small">{empty}</p>;
  return (
    <div className="json-view" aria-label={label}>
      <div className="json-tabs" role="group" aria-label={`${label} view`}>
        <button type="button" className={!raw ? 'active' : ''} aria-pressed={!raw} onClick={() => setRaw(false)}>
          Tree
        </button>
        <button type="button" className={raw ? 'active' : ''} aria-pressed={raw} onClick={() => setRaw(true)}>
          Raw
        </button>
      </div>
      {raw ? (
        <pre className="code-block json-raw">{JSON.stringify(value, null, 2)}</pre>
      ) : (
        <div className="json-tree">
          <Node value={value} depth={0} />
        </div>
      )}
    </div>
  );
}
