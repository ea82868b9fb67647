import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { mergeConfigSchema } from '../../../shared/nodes/merge.node.js';
import { joinByField } from '../../../server/runners/merge-by-field.js';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { runOnce as runWorkflowOnce } from '../../support/run-once.js';
import { edge, node } from '../../support/workflows.js';
import type { WorkflowDefinitionInput } from '../../../shared/graph/workflow-schema.js';

const people = [
  { id: 1, name: 'Ana', meta: { team: 'red', since: 2020 } },
  { id: 2, name: 'Bo' },
  { id: 4, name: 'Dee' },
];
const orders = [
  { personId: 1, total: 30, meta: { since: 2024 } },
  { personId: 1, total: 12 },
  { personId: 3, total: 99 },
];
const on = (join: 'inner' | 'left' | 'right' | 'outer') => ({ field1: 'id', field2: 'personId', join });

describe('joinByField', () => {
  it('keeps matched pairs (one per match), merged with input 2 winning a clash and nested objects merged', () => {
    expect(joinByField(people, orders, on('inner'))).toEqual([
      { id: 1, name: 'Ana', meta: { team: 'red', since: 2024 }, personId: 1, total: 30 },
      { id: 1, name: 'Ana', meta: { team: 'red', since: 2020 }, personId: 1, total: 12 },
    ]);
  });

  it('adds the unmatched items of input 1 (left), of input 2 (right, input 1 winning a clash) or of both (outer)', () => {
    const [pair1, pair2] = joinByField(people, orders, on('inner'));
    expect(joinByField(people, orders, on('left'))).toEqual([pair1, pair2, people[1], people[2]]);
    expect(joinByField(people, orders, on('right'))).toEqual([
      { personId: 1, total: 30, meta: { since: 2020, team: 'red' }, id: 1, name: 'Ana' },
      { personId: 1, total: 12, id: 1, name: 'Ana', meta: { team: 'red', since: 2020 } },
      orders[2],
    ]);
    expect(joinByField(people, orders, on('outer'))).toEqual([pair1, pair2, people[1], people[2], orders[2]]);
  });

  it('reads paths and names that are not paths, never matches a missing field, and keeps non-objects unmatched', () => {
    const a = [{ who: { email: 'a@x.test' } }, { who: {} }, 'text'];
    const b = [{ 'e-mail': 'a@x.test', plan: 'pro' }, { plan: 'free' }];
    expect(joinByField(a, b, { field1: 'who.email', field2: 'e-mail', join: 'outer' })).toEqual([
      { who: { email: 'a@x.test' }, 'e-mail': 'a@x.test', plan: 'pro' },
      { who: {} },
      'text',
      { plan: 'free' },
    ]);
    // 1 and "1" differ, as in n8n without fuzzy compare.
    expect(joinByField([{ id: 1 }], [{ id: '1' }], { field1: 'id', field2: 'id', join: 'inner' })).toEqual([]);
  });

  it('refuses a byField merge without its fields, and a field that is half a path', () => {
    expect(mergeConfigSchema.safeParse({ combine: 'byField' }).error?.issues[0]?.path).toEqual(['byField']);
    expect(mergeConfigSchema.safeParse({ combine: 'byField', byField: { field1: 'a.', field2: 'b' } }).success).toBe(false);
    expect(mergeConfigSchema.parse({ combine: 'byField', byField: { field1: 'id', field2: 'id' } }).byField?.join).toBe('inner');
  });
});

const env = useAppAndReceiver();
const output = (run: { steps: { nodeId: string; output: unknown }[] }, id: string) => run.steps.find((s) => s.nodeId === id)?.output;

/** webhook -> people and orders (orders only when `orders` is set) -> join by field -> end; `swap` makes orders input 1. */
const joined = (join: string, swap = false): WorkflowDefinitionInput => ({
  name: `join ${join}${swap ? ' swapped' : ''}`,
  nodes: [
    node('hook', 'webhook'),
    node('people', 'code', { code: `return ${JSON.stringify(people)}` }),
    node('gate', 'filter', { combinator: 'and', rules: [{ field: 'trigger.body.orders', operator: 'is_true' }] }),
    node('orders', 'code', { code: `return ${JSON.stringify(orders)}` }),
    node('join', 'merge', { combine: 'byField', byField: swap ? { field1: 'personId', field2: 'id', join } : { field1: 'id', field2: 'personId', join } }),
    node('end', 'code', { code: 'return input' }),
  ],
  // Input 1 is the merge's first incoming edge, input 2 its second.
  edges: [
    edge('hook', 'people'),
    edge('hook', 'gate'),
    edge('gate', 'orders'),
    ...(swap ? [edge('orders', 'join'), edge('people', 'join')] : [edge('people', 'join'), edge('orders', 'join')]),
    edge('join', 'end'),
  ],
});

describe('merge by field in a run', () => {
  it('joins the items of its two inputs, and takes a skipped input as no items', async () => {
    const left = await runWorkflowOnce(env.t, joined('left'), { orders: true });
    expect(left.status, JSON.stringify(left.steps)).toBe('succeeded');
    expect(output(left, 'end')).toEqual(joinByField(people, orders, on('left')));
    expect((output(left, 'end') as unknown[]).length).toBe(4);
    expect(output(await runWorkflowOnce(env.t, joined('outer'), { orders: false }), 'end')).toEqual(people);
    expect(output(await runWorkflowOnce(env.t, joined('inner'), { orders: false }), 'end')).toEqual([]);
    // Input 1 skipped: the people that did arrive are still input 2's, kept by a right join.
    expect(output(await runWorkflowOnce(env.t, joined('right', true), { orders: false }), 'end')).toEqual(people);
    expect(output(await runWorkflowOnce(env.t, joined('left', true), { orders: false }), 'end')).toEqual([]);
  });

  it('is refused on save without its fields', async () => {
    const wf = joined('inner');
    const bad = { ...wf, nodes: wf.nodes.map((n) => (n.id === 'join' ? { ...n, config: { combine: 'byField' } } : n)) };
    const res = await request(env.t.app.handler).post('/api/workflows').set(env.t.auth).send(bad);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('byField');
  });
});
