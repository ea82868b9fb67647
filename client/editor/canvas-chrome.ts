import type { FitViewOptions } from '@xyflow/react';

/**
 * What floats over the canvas (the zoom controls bottom-left, the minimap bottom-right) and the
 * room a fitted view leaves for it, so no node is ever framed underneath. The Issues and Run
 * panels are docked beside the canvas (grid rows), never over it.
 */

/** The minimap's size on screen, in px. */
export const MINIMAP_SIZE = { width: 168, height: 112 } as const;
/** React Flow's panels sit 15 px from the canvas edge. */
const PANEL_MARGIN = 15;
/** The zoom controls: three 26 px buttons in a column. */
const CONTROLS_WIDTH = 26;
/**
 * Free space around a fitted graph. React Flow pans the canvas while a dragged node's pointer
 * is within 40 px of an edge; a fitted node sits outside that band, so grabbing one never pans.
 */
const EDGE = 44;

export interface CanvasSize {
  width: number;
  height: number;
}

/** The minimap earns its place only on a canvas with room to spare (it stays hidden at 1280x720 with panels open). */
export const minimapFits = (size: CanvasSize | null): boolean => size !== null && size.width >= 760 && size.height >= 380;

export type MinimapPreference = 'auto' | 'shown' | 'hidden';

export const minimapShown = (pref: MinimapPreference, size: CanvasSize | null): boolean => (pref === 'auto' ? minimapFits(size) : pref === 'shown');

/** Padding for fitView: clear of the controls on the left and, when shown, the minimap on the right. */
export function fitPadding(minimap: boolean): NonNullable<FitViewOptions['padding']> {
  return {
    top: `${EDGE}px`,
    bottom: `${EDGE}px`,
    left: `${CONTROLS_WIDTH + PANEL_MARGIN + 16}px`,
    right: `${minimap ? MINIMAP_SIZE.width + PANEL_MARGIN + EDGE : EDGE}px`,
  };
}

/** The fit used on open and by Fit view / Auto-layout. */
export const fitOptions = (minimap: boolean, animate = false): FitViewOptions => ({ padding: fitPadding(minimap), maxZoom: 1.1, ...(animate ? { duration: 300 } : {}) });

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether a rectangle in flow coordinates lies wholly inside the canvas' free area at the given viewport. */
export function isInView(bounds: Rect, viewport: { x: number; y: number; zoom: number }, size: CanvasSize, minimap: boolean): boolean {
  const left = bounds.x * viewport.zoom + viewport.x;
  const top = bounds.y * viewport.zoom + viewport.y;
  const right = left + bounds.width * viewport.zoom;
  const bottom = top + bounds.height * viewport.zoom;
  const freeRight = size.width - (minimap ? MINIMAP_SIZE.width + PANEL_MARGIN : 0);
  return left >= CONTROLS_WIDTH + PANEL_MARGIN && top >= 0 && right <= freeRight && bottom <= size.height;
}

/**
 * The viewport that brings a rectangle (flow coordinates) into the canvas' free area with the
 * least panning (the zoom stays): unchanged when it is in view already, else moved just enough,
 * clear of the zoom controls and the minimap, as a page scrolls a focused element into view.
 */
export function revealViewport(bounds: Rect, viewport: { x: number; y: number; zoom: number }, size: CanvasSize, minimap: boolean): { x: number; y: number; zoom: number } {
  const pad = fitPadding(minimap) as Record<'top' | 'bottom' | 'left' | 'right', string>;
  const px = (v: string) => Number.parseFloat(v);
  const axis = (start: number, length: number, offset: number, room: number, before: number, after: number) => {
    const from = start * viewport.zoom + offset;
    const to = from + length * viewport.zoom;
    if (from >= before && to <= room - after) return offset;
    // Too big to fit between the margins: its start shows.
    if (to - from > room - before - after || from < before) return offset + before - from;
    return offset + room - after - to;
  };
  return {
    zoom: viewport.zoom,
    x: axis(bounds.x, bounds.width, viewport.x, size.width, px(pad.left), px(pad.right)),
    y: axis(bounds.y, bounds.height, viewport.y, size.height, px(pad.top), px(pad.bottom)),
  };
}
