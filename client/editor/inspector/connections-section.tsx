import { useMemo, useRef } from 'react';
import { useCan } from '../../auth/can.js';
import { outputsOf } from '../../store/catalog.js';
import { isStepNode, type StepFlowNode } from '../../store/flow-types.js';
import { useApp, useAppStore } from '../../store/store-context.js';
import { stepName } from '../connect/step-name.js';

/**
 * A step's connections in words, each movable and removable, and "Connect to…": what a mouse does
 * with the handles, done from the keyboard (the handles themselves are not focusable).
 */
export function ConnectionsSection({ node }: { node: StepFlowNode }) {
  const store = useAppStore();
  const edges = useApp((s) => s.edges);
  const nodes = useApp((s) => s.nodes);
  const setConnectPicker = useApp((s) => s.setConnectPicker);
  const connectButton = useRef<HTMLButtonElement>(null);
  // A viewer reads the connections; only an editor changes them.
  const canEdit = useCan('edit');
  const outputs = useMemo(() => outputsOf(node.data.nodeType, node.data.config, node.data.onFailure), [node.data.nodeType, node.data.config, node.data.onFailure]);
  const name = (id: string) => {
    const n = nodes.find((x): x is StepFlowNode => x.id === id && isStepNode(x));
    return n ? stepName(store.getState(), n) : id;
  };
  const outgoing = edges.filter((e) => e.source === node.id);
  const incoming = edges.filter((e) => e.target === node.id);
  const outputLabel = (handle: string | null | undefined) => (outputs.length > 1 ? `${outputs.find((o) => o.id === handle)?.label ?? handle ?? ''} → ` : '→ ');

  return (
    <section className="panel-section connections" aria-label="Connections">
      <h3>Connections</h3>
      {incoming.length ? <p className="muted small">From {incoming.map((e) => name(e.source)).join(', ')}</p> : null}
      {outgoing.length ? (
        <ul className="connection-list">
          {outgoing.map((e) => (
            <li key={e.id}>
              <span className="connection-text">
                {outputLabel(e.sourceHandle)}
                {name(e.target)}
              </span>
              {canEdit ? (
                <>
                  <button
                    type="button"
                    className="button button-small button-ghost"
                    aria-label={`Move the connection to ${name(e.target)}`}
                    onClick={() => setConnectPicker({ source: node.id, edgeId: e.id })}
                  >
                    Move…
                  </button>
                  <button
                    type="button"
                    className="button button-small button-ghost"
                    aria-label={`Remove the connection to ${name(e.target)}`}
                    onClick={() => {
                      store.getState().removeEdge(e.id);
                      // The row goes away with the edge: focus stays in this section, on its next action.
                      requestAnimationFrame(() => connectButton.current?.focus());
                    }}
                  >
                    Remove
                  </button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {!canEdit ? null : outputs.length ? (
        <button ref={connectButton} type="button" className="button button-small" onClick={() => setConnectPicker({ source: node.id })} aria-keyshortcuts="C">
          Connect to…
        </button>
      ) : (
        <p className="muted small">This step has no outputs.</p>
      )}
    </section>
  );
}
