import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { clampWidth, widthForKey } from './panel-layout.js';

interface Props {
  width: number;
  bounds: { min: number; max: number };
  onResize: (width: number) => void;
}

/**
 * The handle on the inspector's left edge: drag it (pointer) or focus it and use the arrow keys
 * (left widens, right narrows; Shift for bigger steps; Home and End for the narrowest and the
 * widest). A focusable `separator`, as the ARIA window-splitter pattern has it.
 */
export function InspectorResizer({ width, bounds, onResize }: Props) {
  const drag = useRef<{ x: number; width: number } | null>(null);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus({ preventScroll: true });
    drag.current = { x: e.clientX, width };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (start) onResize(clampWidth(start.width - (e.clientX - start.x), bounds));
  };
  const onPointerEnd = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = widthForKey(e.key, e.shiftKey, width, bounds);
    if (next === undefined) return;
    e.preventDefault();
    // The editor's own shortcuts (arrow keys move selected steps) stay out of it.
    e.stopPropagation();
    onResize(next);
  };

  return (
    <div
      className="inspector-resizer"
      role="separator"
      tabIndex={0}
      aria-orientation="vertical"
      aria-label="Resize the inspector"
      aria-controls="inspector-panel"
      aria-valuenow={width}
      aria-valuemin={bounds.min}
      aria-valuemax={bounds.max}
      aria-valuetext={`${width} pixels wide`}
      title="Drag to resize the inspector (or focus and use the arrow keys)"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onKeyDown={onKeyDown}
    />
  );
}
