import { describe, expect, it } from 'vitest';
import { info, makeStore } from './support.js';

const ids = (store: ReturnType<typeof makeStore>) => store.getState().nodes.map((n) => n.id);

describe('history slice (undo and redo)', () => {
  it('undoes and redoes adds, connections and deletes step by step', () => {
    const store = makeStore();
    const s = store.getState();
    s.addNode(info('webhook'), { x: 0, y: 0 });
    s.addNode(info('http'), { x: 200, y: 0 });
    s.connect({ source: 'webhook', target: 'http', sourceHandle: 'out', targetHandle: 'in' });
    s.select(['http']);
    store.getState().deleteSelection();
    expect(ids(store)).toEqual(['webhook']);

    expect(store.getState().undo()).toBe(true);
    expect(ids(store)).toEqual(['webhook', 'http']);
    expect(store.getState().edges).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().edges).toHaveLength(0);
    store.getState().undo();
    store.getState().undo();
    expect(ids(store)).toEqual([]);
    expect(store.getState().undo()).toBe(false);

    store.getState().redo();
    store.getState().redo();
    store.getState().redo();
    expect(store.getState().edges).toHaveLength(1);
    store.getState().redo();
    expect(ids(store)).toEqual(['webhook']);
    expect(store.getState().redo()).toBe(false);
  });

  it('undoes typing in one field as one step, and a new edit clears redo', () => {
    const store = makeStore();
    store.getState().addNode(info('http'), { x: 0, y: 0 });
    const url = (u: string) => store.getState().updateConfig('http', { method: 'POST', url: u, headers: {} }, 'url');
    url('h');
    url('ht');
    url('http://a.test');
    store.getState().undo();
    expect(store.getState().nodes[0]?.data.config).toMatchObject({ url: 'https://' });
    store.getState().redo();
    expect(store.getState().nodes[0]?.data.config).toMatchObject({ url: 'http://a.test' });
    store.getState().undo();
    store.getState().addNote({ x: 0, y: 0 });
    expect(store.getState().future).toEqual([]);
  });

  it('revalidates after undo, so the issues match the canvas', () => {
    const store = makeStore();
    store.getState().addNode(info('webhook'), { x: 0, y: 0 });
    expect(store.getState().validation.errors).toBe(0);
    store.getState().undo();
    expect(store.getState().validation.errors).toBe(1);
  });

  it('starts each loaded workflow with an empty history', () => {
    const store = makeStore();
    store.getState().addNode(info('webhook'), { x: 0, y: 0 });
    store.getState().loadGraph({ nodes: [] });
    expect(store.getState().undo()).toBe(false);
  });
});

describe('history and selection', () => {
  it('keeps the current selection when undoing', () => {
    const store = makeStore();
    store.getState().addNode(info('webhook'), { x: 0, y: 0 });
    store.getState().addNode(info('http'), { x: 200, y: 0 });
    store.getState().select([]);
    store.getState().undo();
    expect(store.getState().nodes.map((n) => [n.id, Boolean(n.selected)])).toEqual([['webhook', false]]);
  });
});
