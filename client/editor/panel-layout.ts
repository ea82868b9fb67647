/**
 * The editor's side panels: the palette (collapsible) and the inspector (collapsible, and
 * resizable between a minimum and a maximum that always leaves the canvas room to work in).
 * Pure rules plus the few lines that remember the choice in localStorage.
 */

/** The palette's width open, and the strip it leaves collapsed (px). */
export const PALETTE_WIDTH = 248;
export const COLLAPSED_WIDTH = 44;
/** The inspector's default width and its bounds (px); below the minimum its forms get cramped. */
export const INSPECTOR_DEFAULT = 340;
export const INSPECTOR_MIN = 300;
export const INSPECTOR_MAX = 760;
/** The canvas never gets narrower than this because of a wide inspector. */
export const CANVAS_MIN = 420;
/** One arrow key press on the resize handle; with Shift, four. */
export const RESIZE_STEP = 16;

export interface PanelLayout {
  paletteCollapsed: boolean;
  inspectorCollapsed: boolean;
  /** The width the person chose; what is shown is clamped to the room there is (inspectorBounds). */
  inspectorWidth: number;
}

export const DEFAULT_LAYOUT: PanelLayout = { paletteCollapsed: false, inspectorCollapsed: false, inspectorWidth: INSPECTOR_DEFAULT };

/** The widths the inspector may take in an editor body `bodyWidth` px wide beside a palette `paletteWidth` px wide. */
export function inspectorBounds(bodyWidth: number, paletteWidth: number): { min: number; max: number } {
  const room = Math.floor(bodyWidth - paletteWidth - CANVAS_MIN);
  return { min: INSPECTOR_MIN, max: Math.max(INSPECTOR_MIN, Math.min(INSPECTOR_MAX, room)) };
}

export const clampWidth = (width: number, bounds: { min: number; max: number }): number => Math.round(Math.min(bounds.max, Math.max(bounds.min, width)));

/** The width a key press on the resize handle asks for (the handle is on the inspector's left edge: left widens), or undefined for other keys. */
export function widthForKey(key: string, shift: boolean, width: number, bounds: { min: number; max: number }): number | undefined {
  const step = shift ? RESIZE_STEP * 4 : RESIZE_STEP;
  if (key === 'ArrowLeft' || key === 'ArrowUp') return clampWidth(width + step, bounds);
  if (key === 'ArrowRight' || key === 'ArrowDown') return clampWidth(width - step, bounds);
  if (key === 'Home') return bounds.min;
  if (key === 'End') return bounds.max;
  return undefined;
}

const STORAGE_KEY = 'switchyard.editorPanels';

/** Reads what was saved, keeping only well-formed fields (a hand-edited or old value falls back to the defaults). */
export function parseLayout(raw: string | null): PanelLayout {
  if (!raw) return DEFAULT_LAYOUT;
  try {
    const v = JSON.parse(raw) as Partial<Record<keyof PanelLayout, unknown>>;
    return {
      paletteCollapsed: v.paletteCollapsed === true,
      inspectorCollapsed: v.inspectorCollapsed === true,
      inspectorWidth: typeof v.inspectorWidth === 'number' && Number.isFinite(v.inspectorWidth) ? clampWidth(v.inspectorWidth, { min: INSPECTOR_MIN, max: INSPECTOR_MAX }) : INSPECTOR_DEFAULT,
    };
  } catch {
    return DEFAULT_LAYOUT;
  }
}

export function loadLayout(): PanelLayout {
  try {
    return parseLayout(localStorage.getItem(STORAGE_KEY));
  } catch {
    return DEFAULT_LAYOUT;
  }
}

export function saveLayout(layout: PanelLayout): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(layout));
  } catch {
    // Storage refused (private mode, full): the layout still applies for this visit.
  }
}
