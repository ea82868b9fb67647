import { useReactFlow } from '@xyflow/react';
import { isStepNode } from '../store/flow-types.js';
import { useApp } from '../store/store-context.js';
import { Icon } from '../ui/icons.js';

/** Every validation issue in a list; clicking one selects and shows its node. */
export function IssuesPanel() {
  const open = useApp((s) => s.issuesOpen);
  const setOpen = useApp((s) => s.setIssuesOpen);
  const validation = useApp((s) => s.validation);
  const saveIssues = useApp((s) => s.saveIssues);
  const select = useApp((s) => s.select);
  const nodes = useApp((s) => s.nodes);
  const edges = useApp((s) => s.edges);
  const onEdgesChange = useApp((s) => s.onEdgesChange);
  const { fitView } = useReactFlow();
  if (!open) return null;
  const empty = !nodes.some(isStepNode);
  const show = (nodeId?: string) => {
    if (!nodeId || !nodes.some((n) => n.id === nodeId)) return;
    select([nodeId]);
    void fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.2 });
  };
  /** An edge's issue (one crossing a loop's boundary, say): select the edge and show both its ends. */
  const showEdge = (edgeId: string) => {
    const e = edges.find((x) => x.id === edgeId);
    if (!e) return;
    select([]);
    onEdgesChange([{ type: 'select', id: edgeId, selected: true }]);
    void fitView({ nodes: [{ id: e.source }, { id: e.target }], duration: 300, maxZoom: 1.2 });
  };
  const edgeName = (edgeId: string) => {
    const e = edges.find((x) => x.id === edgeId);
    return e ? `${e.source} → ${e.target}` : edgeId;
  };
  const all = [...validation.issues, ...saveIssues.map((i) => ({ ...i, severity: 'error' as const, fromServer: true }))];
  return (
    <section className="issues-panel" aria-label="Issues">
      <header>
        <h2>Issues</h2>
        <button type="button" className="icon-button" aria-label="Close issues" onClick={() => setOpen(false)}>
          <Icon name="x" size={14} />
        </button>
      </header>
      {empty ? (
        <p className="muted small">Nothing here yet. Add a trigger to start: drag Webhook (or another trigger) from the palette onto the canvas.</p>
      ) : all.length === 0 ? (
        <p className="muted small">No issues. The workflow can be saved and run.</p>
      ) : (
        <ul>
          {all.map((i, k) => (
            <li key={k}>
              <button type="button" className={`issue issue-${i.severity}`} onClick={() => (i.nodeId ? show(i.nodeId) : i.edgeId ? showEdge(i.edgeId) : undefined)} disabled={!i.nodeId && !i.edgeId}>
                <Icon name="alert" size={14} />
                <span>
                  {i.nodeId ? <strong>{i.nodeId}</strong> : i.edgeId ? <strong>Edge {edgeName(i.edgeId)}</strong> : null}
                  {i.nodeId || i.edgeId ? ' · ' : ''}
                  {i.message}
                  {i.path && i.path.startsWith('config') ? <span className="muted small"> ({i.path.slice(7)})</span> : null}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
