import { DEFAULT_OUTPUT } from '../../shared/nodes/define-node-type.js';
import type { WorkflowEdge, WorkflowNode } from '../../shared/graph/workflow-schema.js';
import { INPUT_HANDLE, isNoteNode, isStepNode, type FlowEdge, type FlowNode, type GraphDoc, type NoteFlowNode, type StepFlowNode, type WorkflowNote } from './flow-types.js';

/** Notes sit behind steps so they never hide a handle. */
const NOTE_Z = -1;
export const NOTE_DEFAULT_SIZE = { width: 220, height: 140 };

/** A shared workflow node as a React Flow node drawn by the generic step component. */
export function nodeToFlow(n: WorkflowNode): StepFlowNode {
  return {
    id: n.id,
    type: 'step',
    position: { x: n.position.x, y: n.position.y },
    data: { nodeType: n.type, config: n.config ?? {}, ...(n.label !== undefined ? { label: n.label } : {}), ...(n.onFailure ? { onFailure: n.onFailure } : {}) },
  };
}

export function noteToFlow(n: WorkflowNote): NoteFlowNode {
  return {
    id: n.id,
    type: 'note',
    position: { x: n.position.x, y: n.position.y },
    data: { text: n.text },
    width: n.width ?? NOTE_DEFAULT_SIZE.width,
    height: n.height ?? NOTE_DEFAULT_SIZE.height,
    zIndex: NOTE_Z,
  };
}

/** An edge on the canvas always names its handles, so React Flow attaches it to the right one. */
export function edgeToFlow(e: WorkflowEdge): FlowEdge {
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    sourceHandle: e.sourceHandle ?? DEFAULT_OUTPUT,
    targetHandle: e.targetHandle ?? INPUT_HANDLE,
  };
}

const round = (v: number): number => Math.round(v * 100) / 100;

export function nodeFromFlow(n: StepFlowNode): WorkflowNode {
  return {
    id: n.id,
    type: n.data.nodeType,
    position: { x: round(n.position.x), y: round(n.position.y) },
    ...(n.data.label ? { label: n.data.label } : {}),
    config: n.data.config,
    ...(n.data.onFailure && n.data.onFailure !== 'fail' ? { onFailure: n.data.onFailure } : {}),
  };
}

export function noteFromFlow(n: NoteFlowNode): WorkflowNote {
  const width = n.width ?? n.measured?.width;
  const height = n.height ?? n.measured?.height;
  return {
    id: n.id,
    position: { x: round(n.position.x), y: round(n.position.y) },
    text: n.data.text,
    ...(width !== undefined ? { width: Math.round(width) } : {}),
    ...(height !== undefined ? { height: Math.round(height) } : {}),
  };
}

/** Default handles are left out of the saved JSON, so hand-written and editor-made workflows look alike. */
export function edgeFromFlow(e: FlowEdge): WorkflowEdge {
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    ...(e.sourceHandle && e.sourceHandle !== DEFAULT_OUTPUT ? { sourceHandle: e.sourceHandle } : {}),
    ...(e.targetHandle && e.targetHandle !== INPUT_HANDLE ? { targetHandle: e.targetHandle } : {}),
  };
}

/** Shared graph (nodes, edges, notes) to React Flow's node and edge arrays. */
export function toFlow(doc: Partial<GraphDoc>): { nodes: FlowNode[]; edges: FlowEdge[] } {
  return {
    nodes: [...(doc.notes ?? []).map(noteToFlow), ...(doc.nodes ?? []).map(nodeToFlow)],
    edges: (doc.edges ?? []).map(edgeToFlow),
  };
}

/** React Flow's arrays back to the shared graph; UI-only fields (selection, measurements) are dropped. */
export function fromFlow(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): GraphDoc {
  return {
    nodes: nodes.filter(isStepNode).map(nodeFromFlow),
    edges: edges.map(edgeFromFlow),
    notes: nodes.filter(isNoteNode).map(noteFromFlow),
  };
}

/** Reads `notes` from a stored definition, ignoring anything malformed rather than failing the load. */
export function readNotes(definition: Record<string, unknown>): WorkflowNote[] {
  const raw = definition.notes;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((n): WorkflowNote[] => {
    if (!n || typeof n !== 'object') return [];
    const o = n as Record<string, unknown>;
    const p = o.position as { x?: unknown; y?: unknown } | undefined;
    if (typeof o.id !== 'string' || typeof o.text !== 'string' || typeof p?.x !== 'number' || typeof p.y !== 'number') return [];
    return [
      {
        id: o.id,
        position: { x: p.x, y: p.y },
        text: o.text,
        ...(typeof o.width === 'number' ? { width: o.width } : {}),
        ...(typeof o.height === 'number' ? { height: o.height } : {}),
      },
    ];
  });
}
