import { describe, expect, it } from 'vitest';
import { CANVAS_MIN, DEFAULT_LAYOUT, INSPECTOR_MAX, INSPECTOR_MIN, inspectorBounds, parseLayout, RESIZE_STEP, widthForKey } from '../../client/editor/panel-layout.js';

describe('the inspector width', () => {
  it('may grow only as far as leaves the canvas its minimum, and never past the maximum', () => {
    // 1280x720 less the 72 px rail, with the palette open.
    expect(inspectorBounds(1208, 248)).toEqual({ min: INSPECTOR_MIN, max: 1208 - 248 - CANVAS_MIN });
    expect(inspectorBounds(1848, 248)).toEqual({ min: INSPECTOR_MIN, max: INSPECTOR_MAX });
    // A window too narrow for both: the inspector keeps its minimum.
    expect(inspectorBounds(700, 248).max).toBe(INSPECTOR_MIN);
  });

  it('follows the arrow keys on the handle (left widens), within its bounds', () => {
    const bounds = { min: 300, max: 540 };
    expect(widthForKey('ArrowLeft', false, 340, bounds)).toBe(340 + RESIZE_STEP);
    expect(widthForKey('ArrowRight', false, 340, bounds)).toBe(340 - RESIZE_STEP);
    expect(widthForKey('ArrowLeft', true, 340, bounds)).toBe(340 + 4 * RESIZE_STEP);
    expect(widthForKey('ArrowRight', true, 310, bounds)).toBe(300);
    expect(widthForKey('ArrowLeft', false, 535, bounds)).toBe(540);
    expect(widthForKey('Home', false, 400, bounds)).toBe(300);
    expect(widthForKey('End', false, 400, bounds)).toBe(540);
    expect(widthForKey('a', false, 400, bounds)).toBeUndefined();
  });

  it('is read back from storage, and a damaged value falls back to the defaults', () => {
    expect(parseLayout(JSON.stringify({ paletteCollapsed: true, inspectorCollapsed: false, inspectorWidth: 480 }))).toEqual({ paletteCollapsed: true, inspectorCollapsed: false, inspectorWidth: 480 });
    expect(parseLayout(JSON.stringify({ inspectorWidth: 5000 })).inspectorWidth).toBe(INSPECTOR_MAX);
    expect(parseLayout(JSON.stringify({ inspectorWidth: 'wide', paletteCollapsed: 'yes' }))).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout('{not json')).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout(null)).toEqual(DEFAULT_LAYOUT);
  });
});
