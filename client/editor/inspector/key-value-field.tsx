import { useEffect, useId, useRef, useState } from 'react';
import { Icon } from '../../ui/icons.js';
import { TemplatedInput } from './templated-input.js';

type Row = { key: string; value: string };

const toRows = (v: unknown): Row[] =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v).map(([key, value]) => ({ key, value: typeof value === 'string' ? value : JSON.stringify(value) })) : [];
const toObject = (rows: Row[]) => Object.fromEntries(rows.filter((r) => r.key.trim() !== '').map((r) => [r.key.trim(), r.value]));

/** Headers and other string maps as editable rows; empty names are kept while typing but not saved. */
export function KeyValueField({ label, value, onChange }: { label: string; value: unknown; onChange: (v: Record<string, string>) => void }) {
  const base = useId();
  const [rows, setRows] = useState<Row[]>(() => toRows(value));
  const mine = useRef<unknown>(value);
  useEffect(() => {
    if (value !== mine.current) {
      mine.current = value;
      setRows(toRows(value));
    }
  }, [value]);
  const update = (next: Row[]) => {
    setRows(next);
    const obj = toObject(next);
    mine.current = obj;
    onChange(obj);
  };
  const singular = label.replace(/s$/, '').toLowerCase();
  return (
    <div className="kv">
      {rows.map((r, i) => (
        <div className="kv-row" key={i}>
          <input
            className="input"
            value={r.key}
            placeholder="Name"
            aria-label={`${singular} ${i + 1} name`}
            spellCheck={false}
            onChange={(e) => update(rows.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))}
          />
          <TemplatedInput
            id={`${base}-${i}`}
            label={`${singular} ${i + 1} value`}
            value={r.value}
            placeholder="Value"
            onChange={(v) => update(rows.map((x, j) => (j === i ? { ...x, value: v } : x)))}
          />
          <button type="button" className="icon-button" aria-label={`Remove ${singular} ${r.key || i + 1}`} onClick={() => update(rows.filter((_, j) => j !== i))}>
            <Icon name="x" size={14} />
          </button>
        </div>
      ))}
      <button type="button" className="button button-small button-ghost" onClick={() => setRows([...rows, { key: '', value: '' }])}>
        <Icon name="plus" size={14} /> Add {singular}
      </button>
    </div>
  );
}
