import dagre from '@dagrejs/dagre';
import { describe, expect, it } from 'vitest';
import { toFlow } from '../../client/store/flow-mapping.js';
import { layoutPositions } from '../../client/store/layout.js';
import { info, makeStore } from './support.js';

describe('auto-layout with dagre', () => {
  it('places steps left to right in run order and branches apart', () => {
    const { nodes, edges } = toFlow({
      nodes: ['a', 'b', 'c', 'd'].map((id) => ({ id, type: 'http', position: { x: 0, y: 0 }, config: {} })),
      edges: [
        { id: '1', source: 'a', target: 'b' },
        { id: '2', source: 'b', target: 'c', sourceHandle: 'true' },
        { id: '3', source: 'b', target: 'd', sourceHandle: 'false' },
      ],
      notes: [{ id: 'n', position: { x: 5, y: 5 }, text: '' }],
    });
    const pos = layoutPositions(nodes, edges, dagre);
    const x = (id: string) => pos.get(id)?.x ?? NaN;
    expect(x('a')).toBeLessThan(x('b'));
    expect(x('b')).toBeLessThan(x('c'));
    expect(x('c')).toBe(x('d'));
    expect(pos.get('c')?.y).not.toBe(pos.get('d')?.y);
    expect(pos.has('n')).toBe(false);
  });

  it('applies a layout as one undoable edit', () => {
    const store = makeStore();
    store.getState().addNode(info('webhook'), { x: 500, y: 500 });
    store.getState().applyPositions(new Map([['webhook', { x: 0, y: 0 }]]));
    expect(store.getState().nodes[0]?.position).toEqual({ x: 0, y: 0 });
    store.getState().undo();
    expect(store.getState().nodes[0]?.position).toEqual({ x: 500, y: 500 });
  });
});
