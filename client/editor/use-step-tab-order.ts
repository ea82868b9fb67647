import { useReactFlow } from '@xyflow/react';
import { useCallback, type KeyboardEvent } from 'react';
import { drawnInViewOnly } from '../store/estimated-size.js';
import { isStepNode } from '../store/flow-types.js';
import { DEFAULT_NODE_SIZE } from '../store/layout.js';
import { stepOrder } from '../store/step-order.js';
import { useAppStore } from '../store/store-context.js';
import { minimapShown, revealViewport } from './canvas-chrome.js';

const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]';
/** Frames to wait for a step brought into view to be drawn (it is, on the next render). */
const DRAW_FRAMES = 30;

const nodeElement = (id: string) => document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);

/** Focus to the first Tab stop after the canvas' steps (or the last before them, going back). */
function leaveSteps(backward: boolean): void {
  const layer = document.querySelector('.react-flow__nodes');
  if (!layer) return;
  const stops = [...document.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => el.tabIndex >= 0 && !layer.contains(el) && el.getClientRects().length > 0);
  const after = (el: HTMLElement) => (layer.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  const target = backward ? stops.filter((el) => !after(el)).at(-1) : stops.find(after);
  target?.focus();
}

/** Focuses a step once it is drawn (a step just brought into view is drawn a render later). */
function focusWhenDrawn(id: string, frames = DRAW_FRAMES): void {
  const el = nodeElement(id);
  if (el) el.focus({ preventScroll: true });
  else if (frames > 0) requestAnimationFrame(() => focusWhenDrawn(id, frames - 1));
}

/**
 * Tab and Shift+Tab on a step of a graph drawn in view only (100 steps and more): off-screen
 * steps are not in the page, so the browser's own Tab order would skip them. Tab goes to the next
 * step in graph order (stepOrder), panning the canvas just enough to bring it into view (which
 * draws it); past the last step (or before the first) focus leaves the steps as usual. Smaller
 * graphs keep every step in the page and the browser's order.
 */
export function useStepTabOrder(): (e: KeyboardEvent<HTMLElement>) => void {
  const store = useAppStore();
  const { getInternalNode, getViewport, setViewport } = useReactFlow();
  return useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      if (e.key !== 'Tab' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const target = e.target as HTMLElement;
      if (!target.classList.contains('react-flow__node-step')) return;
      const s = store.getState();
      if (!drawnInViewOnly(s.nodes)) return;
      const order = stepOrder(s.nodes.filter(isStepNode), s.edges);
      const next = order[order.indexOf(target.dataset.id ?? '') + (e.shiftKey ? -1 : 1)];
      e.preventDefault();
      if (next === undefined) return leaveSteps(e.shiftKey);
      const internal = getInternalNode(next);
      const size = s.canvasSize;
      if (internal && size) {
        const { x, y } = internal.internals.positionAbsolute;
        const bounds = { x, y, width: internal.measured.width ?? DEFAULT_NODE_SIZE.width, height: internal.measured.height ?? DEFAULT_NODE_SIZE.height };
        const now = getViewport();
        const moved = revealViewport(bounds, now, size, minimapShown(s.minimapPref, size));
        if (moved.x !== now.x || moved.y !== now.y) void setViewport(moved);
      }
      focusWhenDrawn(next);
    },
    [store, getInternalNode, getViewport, setViewport],
  );
}
