import { Handle, Position, ReactFlow, type Edge, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';
import { memo, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { getNodeType } from '../../shared/nodes/registry.js';
import type { TemplateSummary } from '../api/template-schemas.js';
import { NodeIcon } from '../ui/node-icon.js';
import { useTheme } from '../ui/theme.js';

type PreviewData = { nodeType: string; label: string; title: string; icon: string; category: string; trigger: boolean; outputs: Array<{ id: string; label: string }> };
type PreviewNode = Node<PreviewData, 'preview'>;

/** A node drawn like the editor's, without anything to click: icon, label and the type's title. */
const PreviewNodeView = memo(function PreviewNodeView({ data }: NodeProps<PreviewNode>) {
  return (
    <div className={`flow-node cat-${data.category}${data.trigger ? ' is-trigger' : ''}${data.outputs.length > 1 ? ' multi-out' : ''}`} aria-label={`${data.label}: ${data.title}`}>
      {!data.trigger ? <Handle type="target" position={Position.Left} id="in" className="handle handle-in" isConnectable={false} /> : null}
      <span className="node-icon" aria-hidden="true">
        <NodeIcon type={data.nodeType} />
      </span>
      <div className="node-text">
        <div className="node-title">{data.label}</div>
        <div className="node-summary">{data.title}</div>
      </div>
      {data.outputs.length <= 1 ? (
        <Handle type="source" position={Position.Right} id={data.outputs[0]?.id ?? 'out'} className="handle handle-out" isConnectable={false} />
      ) : (
        data.outputs.map((o, i) => (
          <div key={o.id} className="output-port" style={{ top: `${((i + 1) / (data.outputs.length + 1)) * 100}%` }}>
            <span className={`output-label out-${o.id}`}>{o.label}</span>
            <Handle type="source" position={Position.Right} id={o.id} className={`handle handle-out handle-${o.id}`} isConnectable={false} />
          </div>
        ))
      )}
    </div>
  );
});

const nodeTypes: NodeTypes = { preview: PreviewNodeView };
const FIT = { padding: 0.12, maxZoom: 1 };

/**
 * Whether the element has a size yet. The wizard's dialog opens after its content first
 * renders, when the box still measures 0 × 0; React Flow fits the view only on its first
 * measure, so it is mounted once the box is really there.
 */
function useHasSize(ref: RefObject<HTMLElement | null>): boolean {
  const [sized, setSized] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setSized(el.clientWidth > 0 && el.clientHeight > 0);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return sized;
}

/** The template's graph, read-only: fitted to its box, no dragging, connecting or selecting. */
export function TemplatePreview({ template }: { template: TemplateSummary }) {
  const { nodes, edges } = useMemo(() => {
    const nodes: PreviewNode[] = template.preview.nodes.map((n) => {
      const d = getNodeType(n.type);
      return {
        id: n.id,
        type: 'preview',
        position: n.position,
        data: {
          nodeType: n.type,
          label: n.label ?? d?.title ?? n.type,
          title: d?.title ?? n.type,
          icon: d?.icon ?? '?',
          category: d?.category ?? 'other',
          trigger: d?.kind === 'trigger',
          outputs: [...(d?.outputs ?? [{ id: 'out', label: 'Next' }])],
        },
      };
    });
    const edges: Edge[] = template.preview.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, sourceHandle: e.sourceHandle ?? 'out', targetHandle: 'in' }));
    return { nodes, edges };
  }, [template]);
  const box = useRef<HTMLDivElement>(null);
  const sized = useHasSize(box);
  const { theme } = useTheme();
  return (
    <div ref={box} className="template-preview" aria-label={`Preview of ${template.name}`} role="img">
      {sized ? (
        <ReactFlow
          colorMode={theme}
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          fitView
          fitViewOptions={FIT}
          minZoom={0.2}
          maxZoom={1}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          panOnDrag={false}
          zoomOnScroll={false}
          zoomOnPinch={false}
          zoomOnDoubleClick={false}
          preventScrolling={false}
          proOptions={{ hideAttribution: true }}
        />
      ) : null}
    </div>
  );
}
