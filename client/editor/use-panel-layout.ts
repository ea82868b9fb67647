import { useCallback, useEffect, useLayoutEffect, useState, type CSSProperties, type RefObject } from 'react';
import { clampWidth, COLLAPSED_WIDTH, inspectorBounds, loadLayout, PALETTE_WIDTH, saveLayout, type PanelLayout } from './panel-layout.js';

export interface PanelLayoutState {
  layout: PanelLayout;
  /** The inspector's width as shown: the chosen one, within the room the editor body has now. */
  inspectorWidth: number;
  bounds: { min: number; max: number };
  setInspectorWidth: (width: number) => void;
  togglePalette: () => void;
  toggleInspector: () => void;
  /** CSS variables for the editor body's grid columns. */
  style: CSSProperties;
}

/**
 * The palette and inspector widths of the editor body `ref`: remembered across reloads, and
 * measured against the body so a wide inspector never squeezes the canvas below its minimum
 * (the window shrinking included).
 */
export function usePanelLayout(ref: RefObject<HTMLElement | null>, withPalette: boolean): PanelLayoutState {
  const [layout, setLayout] = useState<PanelLayout>(loadLayout);
  const [bodyWidth, setBodyWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setBodyWidth(el.getBoundingClientRect().width);
    const observer = new ResizeObserver(([entry]) => entry && setBodyWidth(entry.contentRect.width));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  useEffect(() => saveLayout(layout), [layout]);

  const paletteWidth = !withPalette ? 0 : layout.paletteCollapsed ? COLLAPSED_WIDTH : PALETTE_WIDTH;
  // Before the body is measured, the chosen width stands (the first layout effect measures it).
  const bounds = bodyWidth > 0 ? inspectorBounds(bodyWidth, paletteWidth) : { min: 0, max: Number.MAX_SAFE_INTEGER };
  const inspectorWidth = clampWidth(layout.inspectorWidth, bounds);
  const setInspectorWidth = useCallback((width: number) => setLayout((l) => ({ ...l, inspectorWidth: Math.round(width) })), []);
  const togglePalette = useCallback(() => setLayout((l) => ({ ...l, paletteCollapsed: !l.paletteCollapsed })), []);
  const toggleInspector = useCallback(() => setLayout((l) => ({ ...l, inspectorCollapsed: !l.inspectorCollapsed })), []);
  const style = {
    '--palette-w': `${paletteWidth}px`,
    '--inspector-w': `${layout.inspectorCollapsed ? COLLAPSED_WIDTH : inspectorWidth}px`,
  } as CSSProperties;
  return { layout, inspectorWidth, bounds, setInspectorWidth, togglePalette, toggleInspector, style };
}
