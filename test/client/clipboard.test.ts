import { describe, expect, it } from 'vitest';
import { parseFragment, pickFragment, placeFragment, serializeFragment } from '../../client/store/clipboard.js';
import type { GraphDoc } from '../../client/store/flow-types.js';
import { info, makeStore } from './support.js';

const doc: GraphDoc = {
  nodes: [
    { id: 'hook', type: 'webhook', position: { x: 0, y: 0 }, config: {} },
    { id: 'shape', type: 'code', position: { x: 200, y: 0 }, config: { code: 'return { id: trigger.body.id }' } },
    { id: 'post', type: 'http', position: { x: 400, y: 0 }, config: { method: 'POST', url: 'https://x.test/{{ steps.shape.id }}', headers: {} } },
  ],
  edges: [
    { id: 'e1', source: 'hook', target: 'shape' },
    { id: 'e2', source: 'shape', target: 'post' },
  ],
  notes: [{ id: 'n1', position: { x: 0, y: 100 }, text: 'hi' }],
};
const isTrigger = (t: string) => t === 'webhook';

describe('clipboard fragments', () => {
  it('serializes a selection with only the edges inside it, and parses it back', () => {
    const frag = pickFragment(doc, new Set(['shape', 'post', 'n1']));
    expect(frag.edges.map((e) => e.id)).toEqual(['e2']);
    const text = serializeFragment(frag);
    expect(JSON.parse(text).kind).toBe('switchyard/nodes');
    expect(parseFragment(text)).toEqual(frag);
  });

  it('ignores clipboard text that is not a Switchyard fragment', () => {
    expect(parseFragment('hello')).toBeUndefined();
    expect(parseFragment('{"nodes":[]}')).toBeUndefined();
    expect(parseFragment(JSON.stringify({ kind: 'switchyard/nodes', nodes: [{ id: '1bad', type: 'x' }] }))).toBeUndefined();
  });

  it('renames clashing ids, rewires edges, rewrites steps.<id> references and offsets positions', () => {
    const frag = pickFragment(doc, new Set(['shape', 'post']));
    const placed = placeFragment(frag, new Set(['hook', 'shape', 'post']), { x: 40, y: 40 }, isTrigger, true);
    expect(placed.nodes.map((n) => n.id)).toEqual(['shape_2', 'post_2']);
    expect(placed.nodes[1]?.config.url).toBe('https://x.test/{{ steps.shape_2.id }}');
    expect(placed.nodes[0]?.position).toEqual({ x: 240, y: 40 });
    expect(placed.edges).toEqual([{ id: 'e_shape_2_post_2', source: 'shape_2', target: 'post_2' }]);
  });

  it('leaves the trigger out when the canvas already has one', () => {
    const placed = placeFragment(doc, new Set(['hook']), { x: 0, y: 0 }, isTrigger, true);
    expect(placed.skippedTriggers).toBe(1);
    expect(placed.nodes.map((n) => n.id)).toEqual(['shape', 'post']);
    expect(placed.edges.map((e) => e.source)).toEqual(['shape']);
  });

  it('pastes into the store as one undoable edit with the pasted nodes selected', () => {
    const store = makeStore();
    store.getState().addNode(info('webhook'), { x: 0, y: 0 });
    const placed = placeFragment(doc, new Set(store.getState().nodes.map((n) => n.id)), { x: 0, y: 0 }, isTrigger, true);
    store.getState().insertDoc(placed);
    expect(
      store
        .getState()
        .nodes.filter((n) => n.selected)
        .map((n) => n.id),
    ).toEqual(['n1', 'shape', 'post']);
    store.getState().undo();
    expect(store.getState().nodes.map((n) => n.id)).toEqual(['webhook']);
  });
});
