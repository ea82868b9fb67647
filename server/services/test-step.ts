import { AppError } from '../../shared/errors.js';
import { getNodeType } from '../../shared/nodes/registry.js';
import { edgeOutput } from '../../shared/graph/graph-index.js';
import type { StepScope } from '../engine/step-types.js';
import { pinnedOutputOf, TEST_RUN_PATH } from '../engine/test-run.js';
import type { VersionCache } from '../executor/run-state.js';
import { NOT_TESTABLE_ALONE, type ExecuteOneStep, type OneStepResult } from '../executor/execute-one-step.js';
import type { CapturedEvent } from '../ingest/captured-event.js';
import type { Store } from '../store/ports/store.js';

export interface TestStepDeps {
  store: Pick<Store, 'workflows'>;
  versions: VersionCache;
  /** The trigger's last sample (listened for, or the last event it received). */
  sample: (workflowId: string) => Promise<CapturedEvent | undefined>;
  executeOneStep: ExecuteOneStep;
  variables: () => Promise<Readonly<Record<string, string>>>;
}

type Event = Omit<CapturedEvent, 'receivedAt'>;

/**
 * "Test this step": runs one step of the draft on the trigger's sample (or a given event) and
 * the pinned outputs of the steps before it; steps after it never run. Every step upstream
 * must be pinned (running them would have their live effects): the 400 names those that are not.
 */
export function createTestStep(d: TestStepDeps) {
  return async function testStep(workflowId: string, nodeId: string, given: Event | undefined, signal: AbortSignal): Promise<OneStepResult & { nodeId: string }> {
    const wf = await d.store.workflows.get(workflowId);
    if (!wf) throw new AppError('NOT_FOUND', 404, `There is no workflow with id "${workflowId}".`);
    const version = await d.versions(workflowId, wf.currentVersion);
    const node = version?.nodes.get(nodeId);
    if (!version || !node) throw new AppError('BAD_REQUEST', 400, `The draft has no step "${nodeId.slice(0, 64)}".`);
    if (getNodeType(node.type)?.kind === 'trigger') throw new AppError('BAD_REQUEST', 400, 'A trigger is tested by listening for an event or by Test run, not by Test this step.');
    if (NOT_TESTABLE_ALONE.has(node.type)) throw new AppError('BAD_REQUEST', 400, `A ${node.type} step only runs inside a run: use Test run.`);
    const upstream = ancestorsOf(version.graph.incoming, nodeId);
    const unpinned = [...upstream].filter((id) => id !== version.trigger.id && !pinnedOutputOf(version.definition, id));
    if (unpinned.length) throw new AppError('BAD_REQUEST', 400, `Pin the output of ${unpinned.join(', ')} first: the steps before this one are not run by a step test.`, { unpinned });
    const event = given ?? (await d.sample(workflowId));
    if (!event) throw new AppError('BAD_REQUEST', 400, 'There is no sample event yet: pass one as "event" or listen for a test event first.');
    const trigger: StepScope['trigger'] = { method: event.method ?? 'POST', path: TEST_RUN_PATH, headers: stringHeaders(event.headers), query: event.query ?? {}, body: event.body };
    const steps: Record<string, unknown> = {};
    const outputOf = (id: string) => (id === version.trigger.id ? trigger : pinnedOutputOf(version.definition, id)?.output);
    for (const id of upstream) Object.defineProperty(steps, id, { value: outputOf(id), enumerable: true, writable: true, configurable: true });
    const incoming = (version.graph.incoming.get(nodeId) ?? [])
      .map((e, input) => ({ e, input }))
      .filter(({ e }) => e.source === version.trigger.id || edgeOutput(e) === 'out')
      .map(({ e, input }) => ({ from: e.source, output: outputOf(e.source), input }));
    // Outside a run: `run.id` reads the same stand-in the runner gets as its run id.
    const scope: StepScope = { trigger, input: incoming[0]?.output, steps, vars: await d.variables(), run: { id: 'test-step' } };
    return { nodeId, ...(await d.executeOneStep({ workflowId, node, scope, incoming, signal })) };
  };
}
export type TestStep = ReturnType<typeof createTestStep>;

/** Every node with a path to `nodeId`. */
function ancestorsOf(incoming: ReadonlyMap<string, readonly { source: string }[]>, nodeId: string): Set<string> {
  const seen = new Set<string>();
  const todo = [nodeId];
  while (todo.length) {
    for (const e of incoming.get(todo.pop() as string) ?? []) {
      if (seen.has(e.source)) continue;
      seen.add(e.source);
      todo.push(e.source);
    }
  }
  return seen;
}

const stringHeaders = (h: Record<string, unknown> | undefined): Record<string, string> => Object.fromEntries(Object.entries(h ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
