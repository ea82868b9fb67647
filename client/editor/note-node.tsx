import { NodeResizer, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { NoteFlowNode } from '../store/flow-types.js';
import { useApp } from '../store/store-context.js';
import { useRunView } from './canvas-mode.js';

/** A sticky note: a drag strip on top, free text below, resizable when selected. Never executed. */
function NoteNodeView({ id, data, selected }: NodeProps<NoteFlowNode>) {
  const setNoteText = useApp((s) => s.setNoteText);
  const readOnly = useRunView() !== null;
  return (
    <div className={`note-node${selected ? ' selected' : ''}`} data-testid={`note-${id}`}>
      <NodeResizer isVisible={selected && !readOnly} minWidth={120} minHeight={60} lineClassName="note-resize-line" handleClassName="note-resize-handle" />
      <div className="note-strip" aria-hidden="true">
        Note
      </div>
      <textarea className="note-text nodrag nowheel" value={data.text} readOnly={readOnly} aria-label="Sticky note" placeholder="Write a note…" onChange={(e) => setNoteText(id, e.target.value)} />
    </div>
  );
}

export const NoteNode = memo(NoteNodeView);
