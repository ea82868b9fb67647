import { useState } from 'react';
import { templateFor } from './data-paths.js';
import { useInsert } from './insert-context.js';

type Key = string | number;

const preview = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.length}]`;
  if (typeof v === 'object') return `{${Object.keys(v as object).length}}`;
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

function TreeNode({ name, value, path, depth, onPick }: { name: string; value: unknown; path: Key[]; depth: number; onPick: (path: Key[]) => void }) {
  const [open, setOpen] = useState(depth < 2);
  const children: [Key, unknown][] = Array.isArray(value) ? value.slice(0, 50).map((v, i) => [i, v]) : value && typeof value === 'object' ? Object.entries(value).slice(0, 100) : [];
  const branch = children.length > 0;
  return (
    <li role="treeitem" aria-expanded={branch ? open : undefined} aria-selected={false}>
      <div className="tree-row" style={{ paddingLeft: depth * 14 }}>
        {branch ? (
          <button type="button" className="tree-toggle" aria-label={`${open ? 'Collapse' : 'Expand'} ${name}`} onClick={() => setOpen(!open)}>
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="tree-toggle" />
        )}
        <button type="button" className="tree-key" title={`Insert ${templateFor(path)}`} onMouseDown={(e) => e.preventDefault()} onClick={() => onPick(path)}>
          {name}
        </button>
        <span className="tree-preview">{preview(value)}</span>
      </div>
      {branch && open ? (
        <ul role="group">
          {children.map(([k, v]) => (
            <TreeNode key={String(k)} name={typeof k === 'number' ? `[${k}]` : k} value={v} path={[...path, k]} depth={depth + 1} onPick={onPick} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/**
 * A tree of the data a step can read (the sample event and upstream outputs). Clicking a key
 * inserts `{{ path }}` into the field that last had focus; the mouse-down keeps that focus.
 */
export function DataPicker({ data, onNoTarget }: { data: Record<string, unknown>; onNoTarget: (text: string) => void }) {
  const target = useInsert();
  const pick = (path: Key[]) => {
    const text = templateFor(path);
    if (!target?.insert(text)) onNoTarget(text);
  };
  const roots = Object.entries(data);
  if (!roots.length) {
    return <p className="muted small">No sample data yet. Select the trigger and listen for a test event, or run the workflow once; its data then appears here.</p>;
  }
  return (
    <ul className="tree" role="tree" aria-label="Data from earlier steps">
      {roots.map(([k, v]) => (
        <TreeNode key={k} name={k} value={v} path={[k]} depth={0} onPick={pick} />
      ))}
    </ul>
  );
}
