import { describe, expect, it } from 'vitest';
import { info, makeStore } from './support.js';
import { focusAfterDelete } from '../../client/store/focus-after-delete.js';

const at = (x: number) => ({ x, y: 0 });

describe('graph slice', () => {
  it('adds nodes with readable unique ids and the type defaults, selecting the new one', () => {
    const store = makeStore();
    const s = store.getState();
    expect(s.addNode(info('http'), at(0)).id).toBe('http');
    expect(s.addNode(info('http'), at(100)).id).toBe('http_2');
    const nodes = store.getState().nodes;
    expect(nodes.map((n) => [n.id, n.selected])).toEqual([
      ['http', false],
      ['http_2', true],
    ]);
    expect(nodes[1]?.data).toMatchObject({ nodeType: 'http', config: { method: 'POST', url: 'https://' } });
    expect(store.getState().dirty).toBe(true);
  });

  it('refuses a second trigger', () => {
    const store = makeStore();
    store.getState().addNode(info('webhook'), at(0));
    const second = store.getState().addNode(info('webhook'), at(100));
    expect(second.problem).toMatch(/exactly one trigger/);
    expect(store.getState().nodes).toHaveLength(1);
  });

  it('connects valid handles and refuses connections into triggers, loops, duplicates and missing outputs', () => {
    const store = makeStore();
    const s = store.getState();
    s.addNode(info('webhook'), at(0));
    s.addNode(info('branch'), at(200));
    s.addNode(info('http'), at(400));
    const c = (source: string, target: string, sourceHandle: string | null = null) => store.getState().connect({ source, target, sourceHandle, targetHandle: 'in' });
    expect(c('webhook', 'branch')).toBeUndefined();
    expect(c('branch', 'http', 'true')).toBeUndefined();
    expect(c('branch', 'http', 'false')).toBeUndefined();
    expect(c('branch', 'http', 'true')).toMatch(/already connected/);
    expect(c('branch', 'http', 'maybe')).toMatch(/no output "maybe"/);
    expect(c('http', 'webhook')).toMatch(/into a trigger/);
    expect(c('http', 'branch')).toMatch(/loop/);
    expect(c('http', 'http')).toMatch(/itself/);
    expect(store.getState().edges.map((e) => [e.id, e.sourceHandle])).toEqual([
      ['e_webhook_branch', 'out'],
      ['e_branch_true_http', 'true'],
      ['e_branch_false_http', 'false'],
    ]);
    expect(store.getState().graphDoc().edges[1]).toEqual({ id: 'e_branch_true_http', source: 'branch', target: 'http', sourceHandle: 'true' });
  });

  it('validates live: a broken config shows on its node and clears when fixed', () => {
    const store = makeStore();
    const s = store.getState();
    expect(store.getState().validation.issues.map((i) => i.message)).toEqual(['Add a trigger: every workflow starts with exactly one.']);
    s.addNode(info('webhook'), at(0));
    s.addNode(info('http'), at(200));
    s.connect({ source: 'webhook', target: 'http', sourceHandle: 'out', targetHandle: 'in' });
    // A new HTTP step's "https://" is not a URL yet: an error until it is filled in.
    expect(store.getState().validation.byNode.http?.map((i) => i.message)).toEqual([expect.stringMatching(/^Enter a complete URL/)]);
    s.updateConfig('http', { method: 'POST', url: 'https://x.test/', headers: {} }, 'url');
    expect(store.getState().validation.errors).toBe(0);
    s.updateConfig('http', { method: 'POST', url: '', headers: {} }, 'url');
    expect(store.getState().validation.byNode.http?.map((i) => i.path)).toEqual(['config.url']);
    s.updateConfig('http', { method: 'POST', url: 'https://x.test/{{ trigger.body.id }}/{{ trigger.body.sku', headers: {} }, 'url');
    expect(store.getState().validation.byNode.http?.[0]?.message).toMatch(/no matching/);
    s.updateConfig('http', { method: 'POST', url: 'https://x.test/{{ trigger.body..id }}', headers: {} }, 'url');
    expect(store.getState().validation.byNode.http?.[0]?.message).toMatch(/not a valid expression/);
    s.updateConfig('http', { method: 'POST', url: 'https://x.test/{{ trigger.body.id }}', headers: {} }, 'url');
    expect(store.getState().validation.errors).toBe(0);
  });

  it('warns about steps not connected to the trigger', () => {
    const store = makeStore();
    store.getState().addNode(info('webhook'), at(0));
    store.getState().addNode(info('code'), at(200));
    const v = store.getState().validation;
    expect(v.errors).toBe(0);
    expect(v.warnings).toBe(1);
    expect(v.byNode.code?.[0]?.severity).toBe('warning');
  });

  it('deletes selected nodes together with their edges', () => {
    const store = makeStore();
    const s = store.getState();
    s.addNode(info('webhook'), at(0));
    s.addNode(info('filter'), at(200));
    s.addNode(info('http'), at(400));
    s.connect({ source: 'webhook', target: 'filter', sourceHandle: 'out', targetHandle: 'in' });
    s.connect({ source: 'filter', target: 'http', sourceHandle: 'out', targetHandle: 'in' });
    s.select(['filter']);
    expect(store.getState().deleteSelection()).toBe(3);
    expect(store.getState().nodes.map((n) => n.id)).toEqual(['webhook', 'http']);
    expect(store.getState().edges).toEqual([]);
    expect(store.getState().deleteSelection()).toBe(0);
  });

  it('applies React Flow changes through applyNodeChanges: selection is not an edit, a move is', () => {
    const store = makeStore();
    store.getState().loadGraph({ nodes: [{ id: 'hook', type: 'webhook', position: { x: 0, y: 0 }, config: {} }] });
    expect(store.getState().dirty).toBe(false);
    store.getState().onNodesChange([{ type: 'select', id: 'hook', selected: true }]);
    expect(store.getState().dirty).toBe(false);
    expect(store.getState().nodes[0]?.selected).toBe(true);
    store.getState().onNodesChange([{ type: 'position', id: 'hook', position: { x: 40, y: 50 }, dragging: true }]);
    expect(store.getState().dirty).toBe(true);
    expect(store.getState().graphDoc().nodes[0]?.position).toEqual({ x: 40, y: 50 });
  });

  it('keeps sticky notes out of validation and in the saved document', () => {
    const store = makeStore();
    store.getState().addNode(info('webhook'), at(0));
    const id = store.getState().addNote({ x: 10, y: 300 }, 'hello');
    store.getState().setNoteText(id, 'Ask Sam before changing this');
    expect(store.getState().validation.errors).toBe(0);
    expect(store.getState().graphDoc().notes).toEqual([{ id: 'note', position: { x: 10, y: 300 }, text: 'Ask Sam before changing this', width: 220, height: 140 }]);
  });

  it('labels a node and removes the label when cleared', () => {
    const store = makeStore();
    store.getState().addNode(info('code'), at(0));
    store.getState().setLabel('code', 'Shape order');
    expect(store.getState().graphDoc().nodes[0]?.label).toBe('Shape order');
    store.getState().setLabel('code', '');
    expect(store.getState().graphDoc().nodes[0]).not.toHaveProperty('label');
  });
});

describe('outputs that depend on the node', () => {
  it('offers an error output only while failures branch, and drops its edges when they stop', () => {
    const store = makeStore();
    const s = store.getState();
    s.addNode(info('http'), { x: 0, y: 0 });
    s.addNode(info('code'), { x: 300, y: 0 });
    const viaError = { source: 'http', sourceHandle: 'error', target: 'code', targetHandle: 'in' };
    expect(store.getState().connect(viaError)).toMatch(/no output "error"/);
    store.getState().setOnFailure('http', 'branch');
    expect(store.getState().connect(viaError)).toBeUndefined();
    expect(store.getState().graphDoc().nodes[0]?.onFailure).toBe('branch');
    store.getState().setOnFailure('http', 'fail');
    expect(store.getState().edges).toEqual([]);
    expect(store.getState().graphDoc().nodes[0]).not.toHaveProperty('onFailure');
  });

  it("connects a switch's cases by their ids", () => {
    const store = makeStore();
    const s = store.getState();
    s.addNode(info('switch'), { x: 0, y: 0 });
    s.addNode(info('code'), { x: 300, y: 0 });
    expect(store.getState().connect({ source: 'switch', sourceHandle: 'paid', target: 'code', targetHandle: 'in' })).toBeUndefined();
    expect(store.getState().connect({ source: 'switch', sourceHandle: 'refunded', target: 'code', targetHandle: 'in' })).toMatch(/no output/);
  });
});

describe('connections from the keyboard', () => {
  const wired = () => {
    const store = makeStore();
    const s = store.getState();
    s.addNode(info('webhook'), at(0));
    s.addNode(info('branch'), at(200));
    s.addNode(info('http'), at(400));
    s.addNode(info('http'), at(600));
    const c = (source: string, target: string, sourceHandle: string | null = null) => store.getState().connect({ source, target, sourceHandle, targetHandle: 'in' });
    c('webhook', 'branch');
    c('branch', 'http', 'false');
    return store;
  };

  it('moves an edge to another target from the same output, as one undoable edit', () => {
    const store = wired();
    expect(store.getState().rewire('e_branch_false_http', 'http_2')).toBeUndefined();
    expect(store.getState().edges.map((e) => [e.id, e.source, e.sourceHandle, e.target])).toEqual([
      ['e_webhook_branch', 'webhook', 'out', 'branch'],
      ['e_branch_false_http_2', 'branch', 'false', 'http_2'],
    ]);
    store.getState().undo();
    expect(store.getState().edges.map((e) => e.id)).toEqual(['e_webhook_branch', 'e_branch_false_http']);
  });

  it('refuses a rewire the canvas would refuse, and one of a missing edge', () => {
    const store = wired();
    expect(store.getState().rewire('e_branch_false_http', 'webhook')).toMatch(/into a trigger/);
    expect(store.getState().rewire('e_branch_false_http', 'branch')).toMatch(/itself/);
    expect(store.getState().rewire('e_nope', 'http_2')).toMatch(/no longer exists/);
    expect(store.getState().edges).toHaveLength(2);
  });

  it('removes one edge', () => {
    const store = wired();
    store.getState().removeEdge('e_webhook_branch');
    expect(store.getState().edges.map((e) => e.id)).toEqual(['e_branch_false_http']);
    expect(store.getState().dirty).toBe(true);
  });

  it('sends focus after a deletion to the source of a deleted edge, else to the step feeding a deleted step', () => {
    const store = wired();
    const s = store.getState();
    expect(
      focusAfterDelete(
        s.nodes,
        s.edges.map((e) => (e.id === 'e_branch_false_http' ? { ...e, selected: true } : e)),
      ),
    ).toBe('branch');
    expect(
      focusAfterDelete(
        s.nodes.map((n) => ({ ...n, selected: n.id === 'http' })),
        s.edges,
      ),
    ).toBe('branch');
    // The deleted edge's source goes too: the step before it takes focus.
    expect(
      focusAfterDelete(
        s.nodes.map((n) => ({ ...n, selected: n.id === 'branch' })),
        s.edges.map((e) => ({ ...e, selected: e.id === 'e_branch_false_http' })),
      ),
    ).toBe('webhook');
    expect(
      focusAfterDelete(
        s.nodes.map((n) => ({ ...n, selected: n.id === 'webhook' })),
        s.edges,
      ),
    ).toBeUndefined();
  });
});
