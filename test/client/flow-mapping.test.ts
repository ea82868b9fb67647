import { describe, expect, it } from 'vitest';
import { fromFlow, toFlow } from '../../client/store/flow-mapping.js';
import { buildDefinition, readDefinition } from '../../client/store/definition.js';
import type { GraphDoc } from '../../client/store/flow-types.js';
import { validateWorkflow } from '../../shared/graph/validate-workflow.js';

const doc: GraphDoc = {
  nodes: [
    { id: 'hook', type: 'webhook', position: { x: 0, y: 0 }, config: {} },
    { id: 'check', type: 'branch', position: { x: 250, y: 0 }, label: 'Big order?', config: { combinator: 'and', rules: [{ field: 'trigger.body.amount', operator: 'greater_than', value: 100 }] } },
    { id: 'big', type: 'http', position: { x: 500, y: -80 }, config: { method: 'POST', url: 'https://example.test/big', headers: {} } },
    { id: 'small', type: 'http', position: { x: 500, y: 80 }, config: { method: 'POST', url: 'https://example.test/small', headers: {} } },
  ],
  edges: [
    { id: 'e1', source: 'hook', target: 'check' },
    { id: 'e2', source: 'check', target: 'big', sourceHandle: 'true' },
    { id: 'e3', source: 'check', target: 'small', sourceHandle: 'false' },
  ],
  notes: [{ id: 'note', position: { x: 0, y: 200 }, text: 'Orders over 100 go to sales', width: 240, height: 120 }],
};

describe('mapping between the shared workflow and React Flow', () => {
  it('round-trips nodes, labels, handles and notes unchanged', () => {
    const flow = toFlow(doc);
    expect(fromFlow(flow.nodes, flow.edges)).toEqual(doc);
  });

  it('draws every step with the generic component and notes behind the steps', () => {
    const { nodes } = toFlow(doc);
    expect(nodes.filter((n) => n.type === 'step').map((n) => n.id)).toEqual(['hook', 'check', 'big', 'small']);
    const note = nodes.find((n) => n.type === 'note');
    expect(note?.zIndex).toBeLessThan(0);
    expect(note?.data).toEqual({ text: 'Orders over 100 go to sales' });
  });

  it('gives edges without handles the default output and input so React Flow can attach them', () => {
    const { edges } = toFlow(doc);
    expect(edges[0]).toMatchObject({ sourceHandle: 'out', targetHandle: 'in' });
    expect(edges[1]).toMatchObject({ sourceHandle: 'true' });
  });

  it('drops selection and measurements when mapping back', () => {
    const flow = toFlow(doc);
    const touched = flow.nodes.map((n) => ({ ...n, selected: true, measured: { width: 10, height: 10 }, dragging: false }));
    const back = fromFlow(
      touched,
      flow.edges.map((e) => ({ ...e, selected: true })),
    );
    expect(back.nodes[0]).toEqual(doc.nodes[0]);
    expect(back.edges[0]).toEqual(doc.edges[0]);
  });

  it('builds a definition the shared validation accepts, notes included', () => {
    const def = buildDefinition({ name: 'Orders', description: '', settings: {} }, doc);
    const result = validateWorkflow(def);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.workflow?.notes).toEqual(doc.notes);
  });

  it('reads a stored definition back into metadata and graph', () => {
    const loaded = readDefinition(buildDefinition({ name: 'Orders', description: 'x', settings: { concurrency: 2 } }, doc));
    expect(loaded).toEqual({ name: 'Orders', description: 'x', tags: [], pinned: {}, settings: { concurrency: 2 }, doc });
  });

  it('keeps the tags through a load and a save (they are set through the API)', () => {
    const loaded = readDefinition(buildDefinition({ name: 'Orders', description: '', tags: ['billing', 'ops'], settings: {} }, doc));
    expect(loaded.tags).toEqual(['billing', 'ops']);
    expect(buildDefinition(loaded, loaded.doc).tags).toEqual(['billing', 'ops']);
    expect(readDefinition({ name: 'Broken', nodes: 3, tags: ['a', 7] }).tags).toEqual(['a']);
  });

  it('keeps pinned outputs of the nodes still in the graph', () => {
    const ids = doc.nodes.map((n) => n.id);
    const pinned = { [ids[0] as string]: { ok: 1 }, gone: { ok: 2 } };
    const def = buildDefinition({ name: 'Orders', description: '', pinned, settings: {} }, doc);
    expect(def.pinned).toEqual({ [ids[0] as string]: { ok: 1 } });
    expect(readDefinition(def).pinned).toEqual({ [ids[0] as string]: { ok: 1 } });
    expect(buildDefinition({ name: 'Orders', description: '', pinned: { gone: 1 }, settings: {} }, doc).pinned).toBeUndefined();
  });

  it('opens a damaged definition keeping the well-formed parts', () => {
    const loaded = readDefinition({ name: 'Broken', nodes: [{ id: 'a', type: 'http' }, { nope: true }], edges: [{ id: 'e', source: 'a', target: 'b' }, 7], notes: [{ id: 'n' }] });
    expect(loaded.doc.nodes).toEqual([{ id: 'a', type: 'http', position: { x: 0, y: 0 }, config: {} }]);
    expect(loaded.doc.edges).toEqual([{ id: 'e', source: 'a', target: 'b' }]);
    expect(loaded.doc.notes).toEqual([]);
  });
});

describe('failure handling and config-dependent outputs', () => {
  it('keeps onFailure through the mapping and drops the default', () => {
    const d: GraphDoc = {
      nodes: [
        { id: 'a', type: 'http', position: { x: 0, y: 0 }, config: {}, onFailure: 'branch' },
        { id: 'b', type: 'http', position: { x: 0, y: 0 }, config: {}, onFailure: 'fail' },
      ],
      edges: [],
      notes: [],
    };
    const flow = toFlow(d);
    expect(fromFlow(flow.nodes, flow.edges).nodes.map((n) => n.onFailure)).toEqual(['branch', undefined]);
  });
});
