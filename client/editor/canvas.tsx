import { Background, BackgroundVariant, ControlButton, Controls, MiniMap, ReactFlow, useReactFlow, type Connection, type Edge, type FitViewOptions, type NodeTypes } from '@xyflow/react';
import { useMemo, useRef, type DragEvent, type MutableRefObject } from 'react';
import type { FlowEdge, FlowNode } from '../store/flow-types.js';
import { isStepNode } from '../store/flow-types.js';
import { DEFAULT_NODE_SIZE } from '../store/layout.js';
import { drawnInViewOnly } from '../store/estimated-size.js';
import { useCan } from '../auth/can.js';
import { useApp } from '../store/store-context.js';
import { Icon } from '../ui/icons.js';
import { MINIMAP_SIZE } from './canvas-chrome.js';
import { FitOnInit } from './fit-on-init.js';
import { LoopGroups } from './loop-groups.js';
import { NoteNode } from './note-node.js';
import { StepNode } from './step-node.js';
import { useCanvasChrome, useFitOptions, useMinimapShown } from './use-canvas-chrome.js';
import { useTheme } from '../ui/theme.js';
import { useStepTabOrder } from './use-step-tab-order.js';

/** The MIME type palette items carry while dragged. */
export const NODE_DRAG_TYPE = 'application/x-switchyard-node-type';

export const nodeTypes: NodeTypes = { step: StepNode, note: NoteNode };

/** An edge's problem fits on the edge: its first clause; the Issues list has it whole. */
const edgeLabel = (message: string | undefined): string | undefined => {
  if (!message || message.length <= 60) return message;
  const cut = message.search(/[:.;](\s|$)/);
  return cut > 0 && cut <= 80 ? `${message.slice(0, cut)} (see Issues)` : `${message.slice(0, 57)}…`;
};

const miniMapColor = (n: FlowNode) => (n.type === 'note' ? '#fde68a' : n.selected ? '#6366f1' : '#cbd5e1');

/** The editable canvas: React Flow wired to the store, with drop from the palette. */
export function Canvas({ pointer }: { pointer: MutableRefObject<{ x: number; y: number } | null> }) {
  const nodes = useApp((s) => s.nodes);
  const edges = useApp((s) => s.edges);
  const byEdge = useApp((s) => s.validation.byEdge);
  const onNodesChange = useApp((s) => s.onNodesChange);
  const onEdgesChange = useApp((s) => s.onEdgesChange);
  const connect = useApp((s) => s.connect);
  const canConnect = useApp((s) => s.canConnect);
  const checkpoint = useApp((s) => s.checkpoint);
  const addNode = useApp((s) => s.addNode);
  const typeInfo = useApp((s) => s.typeInfo);
  const toast = useApp((s) => s.toast);
  const canEdit = useCan('edit');
  const { screenToFlowPosition } = useReactFlow();
  const { theme } = useTheme();
  // Fit the view once for an opened workflow; an empty canvas must not jump when the first node lands.
  const fitOnOpen = useRef(nodes.length > 0).current;
  const canvasRef = useRef<HTMLDivElement>(null);
  useCanvasChrome(canvasRef);
  const fitViewOptions = useFitOptions();
  const onStepTab = useStepTabOrder();

  const shownEdges = useMemo<FlowEdge[]>(() => edges.map((e) => (byEdge[e.id] ? { ...e, className: 'edge-error', label: edgeLabel(byEdge[e.id]?.[0]?.message) } : e)), [edges, byEdge]);

  const onDrop = (e: DragEvent) => {
    const type = e.dataTransfer.getData(NODE_DRAG_TYPE);
    if (!type) return;
    e.preventDefault();
    const info = typeInfo(type);
    if (!info) return;
    const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
    const res = addNode(info, { x: Math.round(p.x - DEFAULT_NODE_SIZE.width / 2), y: Math.round(p.y - DEFAULT_NODE_SIZE.height / 2) });
    if (res.problem) toast('error', res.problem);
  };

  const isValidConnection = (c: Connection | Edge) => canConnect({ source: c.source, target: c.target, sourceHandle: c.sourceHandle ?? null, targetHandle: c.targetHandle ?? null }) === undefined;

  const empty = !nodes.some(isStepNode);
  return (
    <div
      ref={canvasRef}
      id="canvas"
      tabIndex={-1}
      className="editor-canvas"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(NODE_DRAG_TYPE)) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }
      }}
      onDrop={onDrop}
      onKeyDown={onStepTab}
    >
      <ReactFlow<FlowNode, FlowEdge>
        colorMode={theme}
        nodes={nodes}
        edges={shownEdges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={(c) => {
          const problem = connect(c);
          if (problem) toast('error', problem);
        }}
        isValidConnection={isValidConnection}
        onNodeDragStart={() => checkpoint()}
        onSelectionDragStart={() => checkpoint()}
        onPaneMouseMove={(e) => {
          pointer.current = screenToFlowPosition({ x: e.clientX, y: e.clientY });
        }}
        onPaneMouseLeave={() => {
          pointer.current = null;
        }}
        deleteKeyCode={null}
        nodesDraggable={canEdit}
        nodesConnectable={canEdit}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        onlyRenderVisibleElements={drawnInViewOnly(nodes)}
        // A graph drawn in view only is framed by FitOnInit alone: React Flow's own first fit would show (so draw) all of it.
        fitView={fitOnOpen && !drawnInViewOnly(nodes)}
        // The same options as a refit uses: React Flow applies this prop to a fitView queued in the same render.
        fitViewOptions={fitViewOptions}
        minZoom={0.1}
        maxZoom={2}
        defaultEdgeOptions={{ type: 'default' }}
        connectionRadius={28}
        proOptions={{ hideAttribution: true }}
        aria-label="Workflow canvas"
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
        <CanvasControls fitViewOptions={fitViewOptions} />
        <FitOnInit enabled={fitOnOpen} />
        <LoopGroups />
      </ReactFlow>
      {empty ? <EmptyCanvasHint /> : null}
    </div>
  );
}

/** What an empty canvas says to do first. */
function EmptyCanvasHint() {
  return (
    <div className="canvas-empty" aria-hidden="true">
      <div className="canvas-empty-card">
        <strong>Start with a trigger</strong>
        <span>
          Drag <em>Webhook</em> from the palette onto the canvas (or select it and press Enter), then add steps after it.
        </span>
      </div>
    </div>
  );
}

/** The minimap (when it shows) and the zoom controls, with the button that shows or hides the minimap. */
function CanvasControls({ fitViewOptions }: { fitViewOptions: FitViewOptions }) {
  const showMinimap = useMinimapShown();
  const setMinimapPref = useApp((s) => s.setMinimapPref);
  return (
    <>
      {showMinimap ? <MiniMap pannable zoomable nodeColor={miniMapColor} nodeBorderRadius={6} ariaLabel="Minimap" style={MINIMAP_SIZE} /> : null}
      <Controls showInteractive={false} aria-label="Zoom controls" fitViewOptions={fitViewOptions}>
        <ControlButton
          onClick={() => setMinimapPref(showMinimap ? 'hidden' : 'shown')}
          aria-label={showMinimap ? 'Hide minimap' : 'Show minimap'}
          title={showMinimap ? 'Hide minimap' : 'Show minimap'}
          aria-pressed={showMinimap}
        >
          <Icon name="map" size={14} />
        </ControlButton>
      </Controls>
    </>
  );
}
