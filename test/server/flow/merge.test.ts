import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { runOnce as runWorkflowOnce } from '../../support/run-once.js';
import { edge, node } from '../../support/workflows.js';
import type { WorkflowDefinitionInput } from '../../../shared/graph/workflow-schema.js';

const env = useAppAndReceiver();

const runOnce = (wf: WorkflowDefinitionInput, body: unknown) => runWorkflowOnce(env.t, wf, body);
const output = (run: { steps: { nodeId: string; output: unknown }[] }, id: string) => run.steps.find((s) => s.nodeId === id)?.output;

/**
 * webhook -> a and b in parallel (b only when `b` is set) -> merge -> end. With `longA`, branch a parks on a
 * durable 2 s delay before a3, so b arrives first by construction rather than by how the executor happens to
 * interleave two short branches (a chain of code steps raced b and sometimes won under load).
 */
const fanIn = (config: Record<string, unknown>, longA = false): WorkflowDefinitionInput => ({
  name: `merge ${JSON.stringify(config)}`,
  nodes: [
    node('hook', 'webhook'),
    node('a', 'code', { code: 'return { from: "a", x: 1 }' }),
    ...(longA ? [node('a2', 'delay', { duration: '2s' }), node('a3', 'code', { code: 'return input' })] : []),
    node('gate', 'filter', { combinator: 'and', rules: [{ field: 'trigger.body.b', operator: 'is_true' }] }),
    node('b', 'code', { code: 'return { from: "b", y: 2 }' }),
    node('join', 'merge', config),
    node('end', 'code', { code: 'return input' }),
  ],
  edges: [
    edge('hook', 'a'),
    edge('hook', 'gate'),
    edge('gate', 'b'),
    ...(longA ? [edge('a', 'a2'), edge('a2', 'a3'), edge('a3', 'join')] : [edge('a', 'join')]),
    edge('b', 'join'),
    edge('join', 'end'),
  ],
});

describe('merge', () => {
  it('waits for every branch and combines their outputs by step, as a list, or merged', async () => {
    expect(output(await runOnce(fanIn({ mode: 'all', combine: 'byStep' }), { b: true }), 'end')).toEqual({ a: { from: 'a', x: 1 }, b: { from: 'b', y: 2 } });
    expect(output(await runOnce(fanIn({ mode: 'all', combine: 'list' }), { b: true }), 'end')).toEqual([
      { from: 'a', x: 1 },
      { from: 'b', y: 2 },
    ]);
    expect(output(await runOnce(fanIn({ mode: 'all', combine: 'merge' }), { b: true }), 'end')).toEqual({ from: 'b', x: 1, y: 2 });
  });

  it('leaves out a branch that was skipped', async () => {
    expect(output(await runOnce(fanIn({ mode: 'all', combine: 'byStep' }), { b: false }), 'end')).toEqual({ a: { from: 'a', x: 1 } });
  });

  it('in "first" mode goes on with the first branch to arrive, once', async () => {
    const run = await runOnce(fanIn({ mode: 'first' }, true), { b: true });
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    expect(output(run, 'end')).toEqual({ from: 'b', y: 2 });
    expect(run.steps.filter((s: { nodeId: string }) => s.nodeId === 'join')).toHaveLength(1);
    expect(output(run, 'a3')).toEqual({ from: 'a', x: 1 });
  });
});
