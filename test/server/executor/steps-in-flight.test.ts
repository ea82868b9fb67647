// The executor's set of running steps. The bug it guards: a branch that ended while the executor
// awaited the store (the cancel check after its sibling ended) left the set before the executor
// had recorded it, looked ready again, and sent its request a second time (seen on PostgreSQL,
// whose awaits are real round trips: the PagerDuty template and a matchAll switch).
import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { compileVersion } from '../../../server/engine/compiled-version.js';
import { frameFrom } from '../../../server/engine/frame-state.js';
import { StepsInFlight } from '../../../server/executor/steps-in-flight.js';
import type { StepResult } from '../../../server/executor/run-step.js';
import { workflowDefinitionSchema, type WorkflowDefinition } from '../../../shared/graph/workflow-schema.js';
import { edge, node } from '../../support/workflows.js';

const definition = workflowDefinitionSchema.parse({ name: 'two branches', nodes: [node('hook', 'webhook'), node('a', 'http'), node('b', 'http')], edges: [edge('hook', 'a'), edge('hook', 'b')] });
const version = compileVersion(definition, definition.nodes[0] as WorkflowDefinition['nodes'][number]);
const root = frameFrom('', version.frames.root, [], { input: {}, output: {} });

/** A step whose end the test decides. */
function step(nodeId: string) {
  let end!: () => void;
  const promise = new Promise<StepResult>((resolve) => {
    end = () => resolve({ kind: 'deferred', nodeId, until: 0 });
  });
  return { promise, end };
}

const ids = (settled: Array<{ result: StepResult }>) => settled.map((s) => s.result.nodeId);

/** Steps a and b started, neither ended yet. */
function twoStarted() {
  const inFlight = new StepsInFlight();
  const a = step('a');
  const b = step('b');
  inFlight.start('a', root, a.promise);
  inFlight.start('b', root, b.promise);
  return { inFlight, a, b };
}

describe('steps in flight', () => {
  it('keeps a step that ended in flight until the executor has taken its result', async () => {
    const { inFlight, a, b } = twoStarted();
    a.end();
    expect(ids(await inFlight.next())).toEqual(['a']);
    expect(inFlight.has('a')).toBe(false);

    // b ends while the executor awaits something else (the store): it has not seen b's result yet.
    b.end();
    await tick();
    expect(inFlight.has('b')).toBe(true);
    expect(inFlight.size).toBe(1);

    expect(ids(await inFlight.next())).toEqual(['b']);
    expect(inFlight.has('b')).toBe(false);
    expect(inFlight.size).toBe(0);
  });

  it('drains the steps still running and those that ended unseen', async () => {
    const { inFlight, a, b } = twoStarted();
    a.end();
    await tick();
    const drained = inFlight.drain();
    b.end();
    expect(ids(await drained).sort()).toEqual(['a', 'b']);
    expect(inFlight.size).toBe(0);
  });

  it('rethrows a step that threw', async () => {
    const inFlight = new StepsInFlight();
    inFlight.start('a', root, Promise.reject(new Error('runner bug')));
    await expect(inFlight.next()).rejects.toThrow('runner bug');
  });
});
