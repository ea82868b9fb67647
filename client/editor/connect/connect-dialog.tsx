import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useCan } from '../../auth/can.js';
import { getNodeType } from '../../../shared/nodes/registry.js';
import { outputsOf } from '../../store/catalog.js';
import { connectionProblem } from '../../store/connection-rules.js';
import { isStepNode, type StepFlowNode } from '../../store/flow-types.js';
import { useApp, useAppStore } from '../../store/store-context.js';
import { Dialog } from '../../ui/dialog.js';
import { focusStep, stepName } from './step-name.js';

/**
 * "Connect to…": the keyboard's way to connect two steps or move a connection. A searchable list
 * of the steps the connection may go to (those the canvas would refuse are left out); picking one
 * connects, closes and puts focus back on the source step.
 */
export function ConnectDialog() {
  const picker = useApp((s) => s.connectPicker);
  const canEdit = useCan('edit');
  return picker && canEdit ? <ConnectDialogBody source={picker.source} edgeId={picker.edgeId} /> : null;
}

function ConnectDialogBody({ source, edgeId }: { source: string; edgeId?: string }) {
  const store = useAppStore();
  const nodes = useApp((s) => s.nodes);
  const edges = useApp((s) => s.edges);
  const from = nodes.find((n): n is StepFlowNode => n.id === source && isStepNode(n));
  const edge = edgeId ? edges.find((e) => e.id === edgeId) : undefined;
  const outputs = useMemo(() => (from ? outputsOf(from.data.nodeType, from.data.config, from.data.onFailure) : []), [from]);
  const [output, setOutput] = useState<string | undefined>(edge?.sourceHandle ?? outputs[0]?.id);
  const [query, setQuery] = useState('');
  const list = useRef<HTMLUListElement>(null);
  const search = useRef<HTMLInputElement>(null);
  // showModal() focuses the dialog's first control (its Close button) after React's autoFocus: take it back.
  useEffect(() => {
    const frame = requestAnimationFrame(() => search.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);

  const candidates = useMemo(() => {
    const s = store.getState();
    const others = edge ? edges.filter((e) => e.id !== edge.id) : edges;
    const q = query.trim().toLowerCase();
    return (
      nodes
        .filter(isStepNode)
        .filter((n) => n.id !== source && n.id !== edge?.target)
        .map((n) => ({ id: n.id, name: stepName(s, n) }))
        .filter((c) => !q || c.name.toLowerCase().includes(q) || c.id.toLowerCase().includes(q))
        // A rewire is checked without the edge it replaces, as rewire() checks it.
        .filter((c) => connectionProblem({ source, sourceHandle: output ?? null, target: c.id, targetHandle: 'in' }, nodes, others, getNodeType) === undefined)
    );
  }, [nodes, edges, edge, source, output, query, store]);

  const close = () => {
    store.getState().setConnectPicker(null);
    focusStep(source);
  };
  const pick = (target: string) => {
    const s = store.getState();
    const problem = edge ? s.rewire(edge.id, target) : s.connect({ source, sourceHandle: output ?? null, target, targetHandle: 'in' });
    if (problem) return s.toast('error', problem);
    const to = s.nodes.find((n): n is StepFlowNode => n.id === target && isStepNode(n));
    s.toast('success', `${from ? stepName(s, from) : source} → ${to ? stepName(s, to) : target}: connected.`);
    close();
  };
  const onListKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const items = [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    const next = e.key === 'ArrowDown' ? items[Math.min(items.length - 1, i + 1)] : items[i - 1];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  };

  if (!from) return null;
  const title = edge ? `Move the connection from ${stepName(store.getState(), from)}` : `Connect ${stepName(store.getState(), from)} to…`;
  return (
    <Dialog open title={title} onClose={close}>
      <div className="connect-picker" onKeyDown={onListKey}>
        {!edge && outputs.length > 1 ? (
          <label className="field">
            <span className="field-label">From output</span>
            <select className="input" value={output} onChange={(e) => setOutput(e.target.value)}>
              {outputs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="field">
          <span className="field-label">{edge ? 'Move it to' : 'Step to connect to'}</span>
          <input
            className="input"
            ref={search}
            type="search"
            placeholder="Search steps by name or id"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && candidates[0]) {
                e.preventDefault();
                pick(candidates[0].id);
              }
            }}
          />
        </label>
        <p className="muted small" role="status">
          {candidates.length === 0 ? 'No step can take this connection.' : `${candidates.length} step${candidates.length === 1 ? '' : 's'} can take it.`}
        </p>
        <ul className="connect-list" ref={list} aria-label="Steps">
          {candidates.map((c) => (
            <li key={c.id}>
              <button type="button" className="button button-ghost connect-target" onClick={() => pick(c.id)}>
                {c.name} <code>{c.id}</code>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </Dialog>
  );
}
