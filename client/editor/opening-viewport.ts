import { getNodesBounds, getViewportForBounds, type Node, type Viewport } from '@xyflow/react';

/**
 * The lowest zoom a workflow opens at: step titles are 13 px, so about 11.7 px on screen.
 * Fitting a typical template workflow into the canvas of a 1280x720 window would otherwise shrink them to about 6 px. The zoom controls, the minimap and Fit view
 * still zoom further out on request.
 */
export const READABLE_ZOOM = 0.9;
export const FIT_OPTIONS = { padding: 0.2, maxZoom: 1.1, minZoom: READABLE_ZOOM };
/** Room left of the first step when the workflow is too wide to show whole. */
const START_INSET = 48;

/**
 * Where a workflow opens: all of it when it fits at a readable zoom; otherwise its start (the
 * leftmost step, where the trigger sits) at the readable zoom, at the left and mid-height. Pure.
 */
export function openingViewport(nodes: readonly Node[], width: number, height: number): Viewport | undefined {
  if (!nodes.length || width <= 0 || height <= 0) return undefined;
  const fit = getViewportForBounds(getNodesBounds([...nodes]), width, height, 0.01, FIT_OPTIONS.maxZoom, FIT_OPTIONS.padding);
  if (fit.zoom >= READABLE_ZOOM) return fit;
  const steps = nodes.filter((n) => n.type !== 'note');
  const start = (steps.length ? steps : nodes).reduce((a, b) => (b.position.x < a.position.x || (b.position.x === a.position.x && b.position.y < a.position.y) ? b : a));
  const middle = start.position.y + (start.measured?.height ?? start.height ?? 0) / 2;
  return { zoom: READABLE_ZOOM, x: START_INSET - start.position.x * READABLE_ZOOM, y: height / 2 - middle * READABLE_ZOOM };
}
