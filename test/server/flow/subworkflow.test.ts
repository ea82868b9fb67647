import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { jobStatus } from '../../support/stored.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';
import type { WorkflowDefinitionInput } from '../../../shared/graph/workflow-schema.js';
import { createVersionCache } from '../../../server/executor/run-state.js';
import { createChildRuns } from '../../../server/services/child-runs.js';

// /fail answers 422 (steps calling it allow one attempt); /echo answers with what it was sent.
const env = useAppAndReceiver((r) => (r.url === '/fail' ? { status: 422 } : r.url === '/echo' ? { status: 200, body: r.body } : { status: 200 }));

interface Step {
  nodeId: string;
  status: string;
  output: unknown;
  error: { code: string; childRunId?: string } | null;
  attempts: { detail: Record<string, unknown> | null }[];
}
interface Run {
  id: string;
  status: string;
  parentRunId: string | null;
  parentNodeId: string | null;
  depth: number;
  error: { code: string; cause?: string } | null;
  steps: Step[];
}

const api = () => request(env.t.app.handler);
async function save(def: WorkflowDefinitionInput): Promise<string> {
  const res = await api().post('/api/workflows').set(env.t.auth).send(def);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}
async function runNow(workflowId: string, payload: unknown): Promise<string> {
  const res = await api().post(`/api/workflows/${workflowId}/run`).set(env.t.auth).send({ payload });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.runId as string;
}
const detail = async (runId: string): Promise<Run> => (await api().get(`/api/runs/${runId}`).set(env.t.auth)).body as Run;
const finished = (runId: string): Promise<Run> => waitForRun(env.t.app.handler, env.t.auth, runId, 30_000) as Promise<Run>;
const step = (run: Run, nodeId: string): Step => {
  const s = run.steps.find((x) => x.nodeId === nodeId);
  if (!s) throw new Error(`run ${run.id} has no step ${nodeId}: ${JSON.stringify(run)}`);
  return s;
};
const childOf = (run: Run, nodeId: string): string => step(run, nodeId).attempts.at(-1)?.detail?.childRunId as string;
async function untilStatus(runId: string, wanted: (s: string) => boolean): Promise<Run> {
  for (let i = 0; i < 600; i++) {
    const run = await detail(runId);
    if (wanted(run.status)) return run;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`run ${runId} never reached the wanted status`);
}
const callerOf = (childId: string, config: Record<string, unknown>, after?: { url: string; body: unknown }): WorkflowDefinitionInput => ({
  name: `calls ${childId}`,
  nodes: [node('start', 'manual'), node('call', 'subworkflow', { workflowId: childId, ...config }), ...(after ? [node('after', 'http', { url: `${env.rcv.url}${after.url}`, body: after.body })] : [])],
  edges: [edge('start', 'call'), ...(after ? [edge('call', 'after')] : [])],
});
const received = (url: string) => env.rcv.got.filter((g) => g.url === url).map((g) => JSON.parse(g.body) as unknown);

describe('sub-workflows', () => {
  it('waits for the child and continues with its Respond body; the child sees the input as trigger.body', async () => {
    const child = await save({
      name: 'child with respond',
      nodes: [
        node('called', 'subworkflowTrigger'),
        node('note', 'http', { url: `${env.rcv.url}/child-saw`, body: { body: '{{ trigger.body }}', method: '{{ trigger.method }}' } }),
        node('answer', 'respond', { body: { doubled: '{{ trigger.body.n }}{{ trigger.body.n }}' } }),
      ],
      edges: [edge('called', 'note'), edge('note', 'answer')],
    });
    const parent = await save(callerOf(child, { input: { n: '{{ trigger.body.n }}' } }, { url: '/parent-got', body: { result: '{{ steps.call.doubled }}' } }));
    const run = await finished(await runNow(parent, { n: 4 }));
    expect(run.status).toBe('succeeded');
    expect(step(run, 'call').output).toEqual({ doubled: '44' });
    expect(received('/parent-got')).toEqual([{ result: '44' }]);
    expect(received('/child-saw')).toEqual([{ body: { n: 4 }, method: 'CALL' }]);

    const childRun = await detail(childOf(run, 'call'));
    expect(childRun).toMatchObject({ status: 'succeeded', parentRunId: run.id, parentNodeId: 'call', depth: 1 });
    expect(run).toMatchObject({ parentRunId: null, depth: 0 });
  });

  it("without a Respond step, the result is the last succeeded step's output; the default input is the step's input", async () => {
    const child = await save({
      name: 'echo child',
      nodes: [node('start', 'manual'), node('echo', 'http', { url: `${env.rcv.url}/echo`, body: { got: '{{ trigger.body.body.k }}' } })],
      edges: [edge('start', 'echo')],
    });
    const run = await finished(await runNow(await save(callerOf(child, {})), { k: 'v' }));
    expect(run.status).toBe('succeeded');
    expect(step(run, 'call').output).toMatchObject({ status: 200, body: { got: 'v' } });
  });

  it('fire and forget continues at once with the child run id', async () => {
    const slow = await save({ name: 'slow child', nodes: [node('start', 'manual'), node('wait', 'delay', { duration: '1h' })], edges: [edge('start', 'wait')] });
    const run = await finished(await runNow(await save(callerOf(slow, { mode: 'fireAndForget' }, { url: '/ff', body: { child: '{{ steps.call.runId }}' } })), {}));
    expect(run.status).toBe('succeeded');
    const childId = (step(run, 'call').output as { runId: string }).runId;
    expect(received('/ff')).toEqual([{ child: childId }]);
    const child = await untilStatus(childId, (s) => s === 'waiting');
    expect(child).toMatchObject({ parentRunId: run.id, depth: 1 });
    // Its caller is done, but a fire-and-forget child is not its to stop.
    expect((await detail(childId)).status).toBe('waiting');
    expect((await api().post(`/api/runs/${childId}/cancel`).set(env.t.auth)).status).toBe(200);
  });

  it("fails the calling step with subworkflow_failed and the child's error when the child fails", async () => {
    const failing = await save({
      name: 'failing child',
      nodes: [node('start', 'manual'), node('boom', 'http', { url: `${env.rcv.url}/fail`, retry: { attempts: 1 } })],
      edges: [edge('start', 'boom')],
    });
    const run = await finished(await runNow(await save(callerOf(failing, {})), {}));
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'step_failed', cause: 'subworkflow_failed' });
    const call = step(run, 'call');
    expect(call.error?.code).toBe('subworkflow_failed');
    const child = await detail(call.error?.childRunId as string);
    expect(child).toMatchObject({ status: 'failed', parentRunId: run.id });
    expect(step(child, 'boom').status).toBe('failed');
  });

  it('stops waiting after the timeout, fails with subworkflow_timeout and cancels the child', async () => {
    const slow = await save({ name: 'too slow', nodes: [node('start', 'manual'), node('wait', 'delay', { duration: '1h' })], edges: [edge('start', 'wait')] });
    const run = await finished(await runNow(await save(callerOf(slow, { timeout: '1s' })), {}));
    expect(run.status).toBe('failed');
    expect(step(run, 'call').error?.code).toBe('subworkflow_timeout');
    expect((await detail(childOf(run, 'call'))).status).toBe('cancelled');
  });

  it('refuses recursion past the depth limit: a workflow calling itself fails, each level once', async () => {
    const self = await save({ name: 'ouroboros', nodes: [node('start', 'manual'), node('call', 'subworkflow', { workflowId: 'later' })], edges: [edge('start', 'call')] });
    const put = await api()
      .put(`/api/workflows/${self}`)
      .set(env.t.auth)
      .send({ name: 'ouroboros', nodes: [node('start', 'manual'), node('call', 'subworkflow', { workflowId: self })], edges: [edge('start', 'call')] });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const top = await finished(await runNow(self, { level: 0 }));
    expect(top.status).toBe('failed');
    let run = top;
    const depths: number[] = [];
    while (step(run, 'call').error?.code === 'subworkflow_failed') {
      depths.push(run.depth);
      run = await detail(step(run, 'call').error?.childRunId as string);
    }
    expect(depths).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(run.depth).toBe(10);
    expect(step(run, 'call').error?.code).toBe('subworkflow_depth_exceeded');
    const all = (await api().get(`/api/runs?workflowId=${self}&limit=100`).set(env.t.auth)).body.runs as { status: string }[];
    expect(all).toHaveLength(11);
  });

  it('refuses a workflow that does not exist at run time, and an empty one at save', async () => {
    const run = await finished(await runNow(await save(callerOf('wf_nope', {})), {}));
    expect(step(run, 'call').error?.code).toBe('subworkflow_not_found');
    const res = await api().post('/api/workflows').set(env.t.auth).send(callerOf('', {}));
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ nodeId: 'call', path: 'config.workflowId' })]));
  });

  it('cancelling a parent cancels the children it waits for, down the tree', async () => {
    const grandchild = await save({ name: 'grandchild', nodes: [node('start', 'manual'), node('wait', 'delay', { duration: '1h' })], edges: [edge('start', 'wait')] });
    const middle = await save(callerOf(grandchild, {}));
    const top = await runNow(await save(callerOf(middle, {})), {});
    const waiting = await untilStatus(top, (s) => s === 'waiting');
    const childId = childOf(waiting, 'call');
    const child = await untilStatus(childId, (s) => s === 'waiting');
    const grandchildId = childOf(child, 'call');
    await untilStatus(grandchildId, (s) => s === 'waiting');

    const res = await api().post(`/api/runs/${top}/cancel`).set(env.t.auth);
    expect(res.status).toBe(200);
    expect((await detail(childId)).status).toBe('cancelled');
    expect((await detail(grandchildId)).status).toBe('cancelled');
    expect(await Promise.all([top, childId, grandchildId].map((id) => jobStatus(env.t, id)))).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });

  it('starts one child per call: a step re-run after a crash finds the child it started', async () => {
    const child = await save({ name: 'once', nodes: [node('start', 'manual'), node('wait', 'delay', { duration: '1h' })], edges: [edge('start', 'wait')] });
    const parentRun = await runNow(await save({ name: 'holder', nodes: [node('start', 'manual')], edges: [] }), {});
    const { store } = env.t.app;
    const children = createChildRuns({ store, versions: createVersionCache(store.workflows), clock: { now: () => Date.now() }, defaultConcurrency: 4, onQueued: () => undefined });
    const call = { workflowId: child, parentRunId: parentRun, parentNodeId: 'call', waits: true, input: { x: 1 }, callKey: 'sy_test#1' };
    const first = await children.start(call);
    const again = await children.start(call);
    const retry = await children.start({ ...call, callKey: 'sy_test#2' });
    expect(first.ok && again.ok && retry.ok).toBe(true);
    if (!first.ok || !again.ok || !retry.ok) return;
    expect(again.run.id).toBe(first.run.id);
    expect(retry.run.id).not.toBe(first.run.id);
    for (const id of [first.run.id, retry.run.id]) await api().post(`/api/runs/${id}/cancel`).set(env.t.auth);
  });
});
