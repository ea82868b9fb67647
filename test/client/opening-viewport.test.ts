import type { Node } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { openingViewport, READABLE_ZOOM } from '../../client/editor/opening-viewport.js';

const step = (id: string, x: number, y: number, type = 'step'): Node => ({ id, type, position: { x, y }, data: {}, measured: { width: 220, height: 64 } });

describe('where a workflow opens', () => {
  it('shows a small workflow whole, no larger than 110 %', () => {
    const v = openingViewport([step('hook', 0, 0), step('post', 300, 0)], 1000, 600);
    expect(v?.zoom).toBeCloseTo(1.1);
    // Centred: the middle of the graph (260, 32) lands in the middle of the canvas.
    expect((v?.x ?? 0) + 260 * (v?.zoom ?? 0)).toBeCloseTo(500);
    expect((v?.y ?? 0) + 32 * (v?.zoom ?? 0)).toBeCloseTo(300);
  });

  it('shows a workflow too large to read whole from its leftmost step, at the readable zoom', () => {
    const nodes = [step('note', -400, 900, 'note'), ...Array.from({ length: 40 }, (_, i) => step(`s${i}`, 300 * (i % 10), 120 * Math.floor(i / 10) + 200))];
    const v = openingViewport(nodes, 620, 560);
    expect(v?.zoom).toBe(READABLE_ZOOM);
    // s0 (0, 200), not the note further left: 48 px from the left edge, its middle at mid-height.
    expect((v?.x ?? 0) + 0 * READABLE_ZOOM).toBe(48);
    expect((v?.y ?? 0) + (200 + 32) * READABLE_ZOOM).toBeCloseTo(280);
  });

  it('has nothing to frame on an empty or unmeasured canvas', () => {
    expect(openingViewport([], 800, 600)).toBeUndefined();
    expect(openingViewport([step('a', 0, 0)], 0, 0)).toBeUndefined();
  });
});
