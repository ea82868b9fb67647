import { describe, expect, it } from 'vitest';
import { diffVersions, type DiffableWorkflow } from '../../../shared/graph/diff-versions.js';

const live: DiffableWorkflow = {
  name: 'orders',
  nodes: [
    { id: 'hook', type: 'webhook', position: { x: 0, y: 0 }, config: {} },
    { id: 'shape', type: 'code', position: { x: 250, y: 0 }, config: { code: 'return 1' } },
    { id: 'post', type: 'http', position: { x: 500, y: 0 }, config: { url: 'https://a.example', method: 'POST' } },
  ],
  edges: [
    { id: 'e1', source: 'hook', target: 'shape' },
    { id: 'e2', source: 'shape', target: 'post' },
  ],
  settings: {},
};

describe('diffVersions', () => {
  it('names the nodes added, removed and changed with their fields, ignoring positions and key order', () => {
    const draft: DiffableWorkflow = {
      ...live,
      nodes: [
        { id: 'hook', type: 'webhook', position: { x: 40, y: 90 }, config: {} },
        { id: 'shape', type: 'code', position: { x: 250, y: 0 }, config: { code: 'return 2' } },
        { id: 'slack', type: 'http', position: { x: 500, y: 0 }, config: { method: 'POST', url: 'https://b.example' } },
      ],
      edges: [
        { id: 'e1', source: 'hook', target: 'shape' },
        { id: 'e3', source: 'shape', target: 'slack' },
      ],
    };
    expect(diffVersions(live, draft)).toEqual({
      added: ['slack'],
      removed: ['post'],
      changed: [{ nodeId: 'shape', fields: ['config.code'] }],
      edgesAdded: ['shape → slack'],
      edgesRemoved: ['shape → post'],
      workflowFields: [],
      same: false,
    });
  });

  it('finds no difference between a version and a copy that only moved nodes and reordered keys', () => {
    const moved = { ...live, nodes: live.nodes.map((n) => ({ ...n, position: { x: 1, y: 1 }, config: Object.fromEntries(Object.entries(n.config ?? {}).reverse()) })) };
    expect(diffVersions(live, moved).same).toBe(true);
    expect(diffVersions(live, { ...live, name: 'renamed' }).workflowFields).toEqual(['name']);
  });
});
