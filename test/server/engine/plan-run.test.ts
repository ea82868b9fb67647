import { describe, expect, it } from 'vitest';
import { indexGraph } from '../../../shared/graph/graph-index.js';
import { planRun, topologicalOrder, type NodeProgress } from '../../../server/engine/plan-run.js';
import { edge, node } from '../../support/workflows.js';

const graphOf = (nodes: string[], edges: ReturnType<typeof edge>[]) => {
  const g = indexGraph({ nodes: nodes.map((id) => ({ ...node(id, 'x'), config: {} })), edges });
  return { g, order: topologicalOrder(g) };
};
const done = (ports: string[] = ['out']): NodeProgress => ({ status: 'succeeded', ports, attempt: 1 });

describe('planRun', () => {
  it("starts with the trigger's successors and finishes when every node is final", () => {
    const { g, order } = graphOf(['hook', 'a', 'b'], [edge('hook', 'a'), edge('a', 'b')]);
    expect(planRun(g, order, 'hook', new Map(), 0)).toEqual({ kind: 'run', ready: ['a'], skip: [] });
    expect(planRun(g, order, 'hook', new Map([['a', done()]]), 0)).toEqual({ kind: 'run', ready: ['b'], skip: [] });
    expect(
      planRun(
        g,
        order,
        'hook',
        new Map([
          ['a', done()],
          ['b', done()],
        ]),
        0,
      ),
    ).toEqual({ kind: 'succeeded', skip: [] });
  });

  it('never plans a step that already succeeded', () => {
    const { g, order } = graphOf(['hook', 'a', 'b'], [edge('hook', 'a'), edge('hook', 'b')]);
    const plan = planRun(g, order, 'hook', new Map([['a', done()]]), 0);
    expect(plan).toEqual({ kind: 'run', ready: ['b'], skip: [] });
  });

  it('takes only the branch output that fired and skips the other side transitively', () => {
    const { g, order } = graphOf(['hook', 'br', 'yes', 'no', 'after-no'], [edge('hook', 'br'), edge('br', 'yes', 'true'), edge('br', 'no', 'false'), edge('no', 'after-no')]);
    const plan = planRun(g, order, 'hook', new Map([['br', done(['true'])]]), 0);
    expect(plan).toEqual({ kind: 'run', ready: ['yes'], skip: ['no', 'after-no'] });
  });

  it('ends the run successfully after a filter fires nothing', () => {
    const { g, order } = graphOf(['hook', 'f', 'out'], [edge('hook', 'f'), edge('f', 'out')]);
    expect(planRun(g, order, 'hook', new Map([['f', done([])]]), 0)).toEqual({ kind: 'succeeded', skip: ['out'] });
  });

  it('runs a join once all its inputs are final and at least one was taken', () => {
    const { g, order } = graphOf(['hook', 'br', 'l', 'r', 'join'], [edge('hook', 'br'), edge('br', 'l', 'true'), edge('br', 'r', 'false'), edge('l', 'join'), edge('r', 'join')]);
    const plan = planRun(
      g,
      order,
      'hook',
      new Map([
        ['br', done(['true'])],
        ['l', done()],
      ]),
      0,
    );
    expect(plan).toEqual({ kind: 'run', ready: ['join'], skip: ['r'] });
  });

  it('waits for a retrying step until its time, then plans it again', () => {
    const { g, order } = graphOf(['hook', 'a'], [edge('hook', 'a')]);
    const progress = new Map<string, NodeProgress>([['a', { status: 'retrying', attempt: 1, nextAttemptAt: 5_000 }]]);
    expect(planRun(g, order, 'hook', progress, 1_000)).toEqual({ kind: 'wait', until: 5_000, skip: [] });
    expect(planRun(g, order, 'hook', progress, 5_000)).toEqual({ kind: 'run', ready: ['a'], skip: [] });
  });

  it('fails the run when a step failed for good', () => {
    const { g, order } = graphOf(['hook', 'a', 'b'], [edge('hook', 'a'), edge('a', 'b')]);
    const plan = planRun(g, order, 'hook', new Map([['a', { status: 'failed', attempt: 3 } as NodeProgress]]), 0);
    expect(plan).toMatchObject({ kind: 'failed', failedNode: 'a' });
  });
});
