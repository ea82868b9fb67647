import { describe, expect, it } from 'vitest';
import { revealViewport } from '../../client/editor/canvas-chrome.js';
import { stepOrder } from '../../client/store/step-order.js';

const at = (id: string, x: number, y: number) => ({ id, position: { x, y } });

describe('the order Tab walks the steps in', () => {
  it('follows the connections, whatever the positions and the list order', () => {
    // A chain laid out in rows of three: graph order, not reading order row by row.
    const steps = [at('c', 0, 200), at('a', 0, 0), at('d', 300, 200), at('b', 300, 0)];
    expect(
      stepOrder(steps, [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
        { source: 'c', target: 'd' },
      ]),
    ).toEqual(['a', 'b', 'c', 'd']);
  });

  it('takes branches top to bottom, a merge after both of its inputs, and loose steps by position', () => {
    const steps = [at('hook', 0, 0), at('no', 600, 100), at('yes', 600, -100), at('if', 300, 0), at('join', 900, 0), at('loose', 450, 400)];
    const links = [
      { source: 'hook', target: 'if' },
      { source: 'if', target: 'no' },
      { source: 'if', target: 'yes' },
      { source: 'yes', target: 'join' },
      { source: 'no', target: 'join' },
    ];
    expect(stepOrder(steps, links)).toEqual(['hook', 'if', 'loose', 'yes', 'no', 'join']);
  });

  it('still lists every step once when an imported graph holds a cycle', () => {
    const steps = [at('a', 0, 0), at('b', 300, 0), at('c', 600, 0)];
    const order = stepOrder(steps, [
      { source: 'b', target: 'c' },
      { source: 'c', target: 'b' },
    ]);
    expect([...order].sort()).toEqual(['a', 'b', 'c']);
    expect(order[0]).toBe('a');
  });
});

describe('bringing a focused step into view', () => {
  const size = { width: 800, height: 500 };
  const node = (x: number, y: number) => ({ x, y, width: 220, height: 64 });
  it('leaves the view alone when the step is in it', () => {
    const vp = { x: 0, y: 0, zoom: 1 };
    expect(revealViewport(node(200, 200), vp, size, false)).toEqual(vp);
  });

  it('pans just enough, at the same zoom, clear of the controls and the minimap', () => {
    const vp = { x: 0, y: 0, zoom: 0.5 };
    // Far to the right and below: its right edge lands 44 px in from the right (212 px with the minimap), bottom 44 px up.
    const right = revealViewport(node(3000, 1600), vp, size, false);
    expect(right.zoom).toBe(0.5);
    expect(3000 * 0.5 + right.x + 220 * 0.5).toBe(800 - 44);
    expect(1600 * 0.5 + right.y + 64 * 0.5).toBe(500 - 44);
    const withMap = revealViewport(node(3000, 0), vp, size, true);
    expect(3000 * 0.5 + withMap.x + 220 * 0.5).toBe(800 - 168 - 15 - 44);
    // Left of the view: its left edge lands right of the zoom controls.
    const left = revealViewport(node(-500, 100), vp, size, false);
    expect(-500 * 0.5 + left.x).toBe(26 + 15 + 16);
    expect(left.y).toBe(0);
  });
});
