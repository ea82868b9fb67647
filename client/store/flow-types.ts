import type { Edge, Node } from '@xyflow/react';
import type { WorkflowEdge, WorkflowNode, WorkflowNote } from '../../shared/graph/workflow-schema.js';

export type { WorkflowNote };

/** What a step node carries on the canvas: its type id, label and config (the shared model's fields). */
export interface StepNodeData extends Record<string, unknown> {
  nodeType: string;
  label?: string;
  config: Record<string, unknown>;
  /** What a final failure does; `branch` adds the "error" output. */
  onFailure?: 'fail' | 'continue' | 'branch';
}

/** A sticky note: free text on the canvas, saved beside the graph and never executed. */
export interface NoteNodeData extends Record<string, unknown> {
  text: string;
}

export type StepFlowNode = Node<StepNodeData, 'step'>;
export type NoteFlowNode = Node<NoteNodeData, 'note'>;
export type FlowNode = StepFlowNode | NoteFlowNode;
export type FlowEdge = Edge;

/** The part of a workflow the canvas edits; undo/redo snapshots and the clipboard hold this shape. */
export interface GraphDoc {
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  notes: WorkflowNote[];
}

export const isStepNode = (n: FlowNode): n is StepFlowNode => n.type === 'step';
export const isNoteNode = (n: FlowNode): n is NoteFlowNode => n.type === 'note';

/** The input handle every step has; edges may omit it. */
export const INPUT_HANDLE = 'in';
