import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import { getNodeType } from '../../shared/nodes/registry.js';
import { DEFAULT_OUTPUT } from '../../shared/nodes/define-node-type.js';
import type { NodeTypeInfo } from '../api/types.js';
import { heavyChecks, loadHeavyChecks } from '../lazy/heavy-checks.js';
import { initialConfig } from './catalog.js';
import { connectionProblem } from './connection-rules.js';
import { applyHandleEdits, type HandleEdits } from './handle-edits.js';
import { edgeToFlow, fromFlow, noteToFlow, nodeToFlow, toFlow } from './flow-mapping.js';
import { INPUT_HANDLE, isStepNode, type FlowEdge, type FlowNode, type GraphDoc } from './flow-types.js';
import { edgeId, uniqueId } from './ids.js';
import { drawnInViewOnly, dropEstimate, withEstimatedSize } from './estimated-size.js';
import type { Slice } from './slice.js';
import { emptyValidation, validateGraph, type ValidationView } from './validation.js';

type XY = { x: number; y: number };

/** The canvas: React Flow's nodes and edges, and every edit a person makes to them. */
export interface GraphSlice {
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** Live result of the shared `validateWorkflow` over the current graph. */
  validation: ValidationView;
  onNodesChange: (changes: NodeChange<FlowNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<FlowEdge>[]) => void;
  /** Connects two handles; returns why it was refused, if it was. */
  connect: (c: Connection) => string | undefined;
  canConnect: (c: Connection) => string | undefined;
  /** Points an existing edge at another target, from the same output; returns why it was refused. */
  rewire: (edgeId: string, target: string) => string | undefined;
  /** Removes one edge. */
  removeEdge: (edgeId: string) => void;
  /** Adds a node of a palette type; returns its id, or a refusal message. */
  addNode: (info: NodeTypeInfo, position: XY) => { id?: string; problem?: string };
  addNote: (position: XY, text?: string) => string;
  /** Sets a step's config; `handles` moves or drops the edges on outputs the edit renamed or removed. */
  updateConfig: (id: string, config: Record<string, unknown>, field?: string, handles?: HandleEdits) => void;
  setLabel: (id: string, label: string) => void;
  setOnFailure: (id: string, onFailure: 'fail' | 'continue' | 'branch') => void;
  setNoteText: (id: string, text: string) => void;
  deleteSelection: () => number;
  selectAll: () => void;
  select: (ids: readonly string[]) => void;
  /** Moves steps to new positions (auto-layout) as one undoable edit. */
  applyPositions: (positions: ReadonlyMap<string, XY>) => void;
  /** Adds ready-made nodes, edges and notes (paste) as one undoable edit, selecting them. */
  insertDoc: (doc: GraphDoc) => void;
  /**
   * Replaces the whole graph (load, restore); not undoable and not a change. `validate: false`
   * leaves validation empty for the caller to run once the canvas is drawn.
   */
  loadGraph: (doc: Partial<GraphDoc>, options?: { validate?: boolean }) => void;
  graphDoc: () => GraphDoc;
  revalidate: () => void;
}

const isTrigger = (type: string) => getNodeType(type)?.kind === 'trigger';

export const createGraphSlice: Slice<GraphSlice> = () => (set, get) => {
  /** Marks a change of the saved document and refreshes validation (skipped for plain moves). */
  const changed = (validate = true) => {
    set({ dirty: true, edits: get().edits + 1 });
    if (validate) get().revalidate();
  };

  return {
    nodes: [],
    edges: [],
    validation: emptyValidation,

    onNodesChange: (changes) => {
      const removes = changes.some((c) => c.type === 'remove');
      if (removes) get().checkpoint();
      const measured = new Set(changes.flatMap((c) => (c.type === 'dimensions' ? [c.id] : [])));
      const next = applyNodeChanges(changes, get().nodes);
      set({ nodes: measured.size ? next.map((n) => (measured.has(n.id) ? dropEstimate(n) : n)) : next });
      const docChange = changes.some((c) => c.type === 'position' || c.type === 'remove' || c.type === 'add' || c.type === 'replace' || (c.type === 'dimensions' && c.setAttributes === true));
      if (docChange) changed(!changes.every((c) => c.type === 'position' || c.type === 'dimensions'));
    },

    onEdgesChange: (changes) => {
      const removes = changes.some((c) => c.type === 'remove');
      if (removes) get().checkpoint();
      set({ edges: applyEdgeChanges(changes, get().edges) });
      if (changes.some((c) => c.type !== 'select')) changed();
    },

    canConnect: (c) => connectionProblem(c, get().nodes, get().edges, getNodeType),

    connect: (c) => {
      const problem = get().canConnect(c);
      if (problem) return problem;
      const taken = new Set(get().edges.map((e) => e.id));
      const sourceHandle = c.sourceHandle ?? DEFAULT_OUTPUT;
      const id = edgeId(c.source, sourceHandle, c.target, taken);
      get().checkpoint();
      set({ edges: [...get().edges, edgeToFlow({ id, source: c.source, target: c.target, sourceHandle, targetHandle: c.targetHandle ?? INPUT_HANDLE })] });
      changed();
      return undefined;
    },

    rewire: (oldId, target) => {
      const edge = get().edges.find((e) => e.id === oldId);
      if (!edge) return 'That connection no longer exists.';
      if (edge.target === target) return undefined;
      const others = get().edges.filter((e) => e.id !== oldId);
      const c = { source: edge.source, sourceHandle: edge.sourceHandle ?? null, target, targetHandle: INPUT_HANDLE };
      const problem = connectionProblem(c, get().nodes, others, getNodeType);
      if (problem) return problem;
      // The new edge is named after its ends, as a connection made by hand would be.
      const id = edgeId(edge.source, edge.sourceHandle ?? DEFAULT_OUTPUT, target, new Set(others.map((e) => e.id)));
      get().checkpoint();
      set({ edges: get().edges.map((e) => (e.id === oldId ? edgeToFlow({ id, source: e.source, target, sourceHandle: e.sourceHandle ?? DEFAULT_OUTPUT, targetHandle: INPUT_HANDLE }) : e)) });
      changed();
      return undefined;
    },

    removeEdge: (id) => {
      if (!get().edges.some((e) => e.id === id)) return;
      get().checkpoint();
      set({ edges: get().edges.filter((e) => e.id !== id) });
      changed();
    },

    addNode: (info, position) => {
      if (info.kind === 'trigger' && get().nodes.some((n) => isStepNode(n) && isTrigger(n.data.nodeType))) {
        return { problem: 'A workflow has exactly one trigger, and this one already has it.' };
      }
      const id = uniqueId(info.type, new Set(get().nodes.map((n) => n.id)));
      const node = { ...nodeToFlow({ id, type: info.type, position, config: initialConfig(info) }), selected: true };
      get().checkpoint();
      set({ nodes: [...get().nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node] });
      changed();
      return { id };
    },

    addNote: (position, text = '') => {
      const id = uniqueId('note', new Set(get().nodes.map((n) => n.id)));
      get().checkpoint();
      set({ nodes: [{ ...noteToFlow({ id, position, text }), selected: true }, ...get().nodes.map((n) => (n.selected ? { ...n, selected: false } : n))] });
      changed(false);
      return id;
    },

    updateConfig: (id, config, field, handles) => {
      get().checkpoint(field ? `config:${id}:${field}` : undefined);
      set({
        nodes: get().nodes.map((n) => (n.id === id && isStepNode(n) ? { ...n, data: { ...n.data, config } } : n)),
        ...(handles ? { edges: applyHandleEdits(get().edges, id, handles) } : {}),
      });
      changed();
    },

    setLabel: (id, label) => {
      get().checkpoint(`label:${id}`);
      set({
        nodes: get().nodes.map((n) => {
          if (n.id !== id || !isStepNode(n)) return n;
          const { label: _old, ...rest } = n.data;
          return { ...n, data: label.trim() === '' ? rest : { ...rest, label } };
        }),
      });
      changed(false);
    },

    setOnFailure: (id, onFailure) => {
      get().checkpoint();
      set({
        nodes: get().nodes.map((n) => {
          if (n.id !== id || !isStepNode(n)) return n;
          const { onFailure: _old, ...rest } = n.data;
          return { ...n, data: onFailure === 'fail' ? rest : { ...rest, onFailure } };
        }),
        // Edges from the error output go away with it.
        edges: onFailure === 'branch' ? get().edges : get().edges.filter((e) => !(e.source === id && e.sourceHandle === 'error')),
      });
      changed();
    },

    setNoteText: (id, text) => {
      get().checkpoint(`note:${id}`);
      set({ nodes: get().nodes.map((n) => (n.id === id && n.type === 'note' ? { ...n, data: { ...n.data, text } } : n)) });
      changed(false);
    },

    deleteSelection: () => {
      const { nodes, edges } = get();
      const gone = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
      const keepEdges = edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
      const removed = gone.size + (edges.length - keepEdges.length);
      if (removed === 0) return 0;
      get().checkpoint();
      set({ nodes: nodes.filter((n) => !gone.has(n.id)), edges: keepEdges });
      changed();
      return removed;
    },

    selectAll: () => set({ nodes: get().nodes.map((n) => ({ ...n, selected: true })), edges: get().edges.map((e) => ({ ...e, selected: true })) }),

    select: (ids) => {
      const want = new Set(ids);
      set({
        nodes: get().nodes.map((n) => (Boolean(n.selected) === want.has(n.id) ? n : { ...n, selected: want.has(n.id) })),
        edges: get().edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
      });
    },

    applyPositions: (positions) => {
      if (positions.size === 0) return;
      get().checkpoint();
      set({ nodes: get().nodes.map((n) => (positions.has(n.id) ? { ...n, position: positions.get(n.id) as XY } : n)) });
      changed(false);
    },

    insertDoc: (doc) => {
      const flow = toFlow(doc);
      get().checkpoint();
      set({
        nodes: [...get().nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...flow.nodes.map((n) => ({ ...n, selected: true }))],
        edges: [...get().edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...flow.edges],
      });
      changed();
    },

    loadGraph: (doc, { validate = true } = {}) => {
      const flow = toFlow(doc);
      // A large graph is drawn in view only: its nodes start with an estimated size (estimated-size.ts).
      set({
        nodes: drawnInViewOnly(flow.nodes) ? flow.nodes.map(withEstimatedSize) : flow.nodes,
        edges: flow.edges,
        past: [],
        future: [],
        lastCheckpointKey: undefined,
        ...(validate ? {} : { validation: emptyValidation }),
      });
      if (validate) get().revalidate();
    },

    graphDoc: () => fromFlow(get().nodes, get().edges),

    revalidate: () => {
      set({ validation: validateGraph(get().name, get().graphDoc(), get().settings) });
      // Syntax, cron and IP checks arrive after the first screen (client/lazy/): check again then.
      // If they cannot load, the server's checks on save still apply.
      if (!heavyChecks())
        loadHeavyChecks().then(
          () => get().revalidate(),
          () => undefined,
        );
    },
  };
};
