import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinitionInput } from '../../../shared/graph/workflow-schema.js';
import { startGatedReceiver } from '../../support/gated-receiver.js';
import { startTestApp } from '../../support/test-app.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

// Each branch moves at its own pace: a step starts once its own inputs are ready, whatever
// its siblings are doing. A slow branch is an HTTP call to a receiver that holds the request
// until the test releases it; the assertions are on the order of what the receiver saw.

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const post = (url: string) => ({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body: { n: '{{ trigger.body.n }}' } });

async function start(wf: WorkflowDefinitionInput): Promise<string> {
  const h = t.app.handler;
  const created = await request(h).post('/api/workflows').set(t.auth).send(wf);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const hook = new URL((await request(h).post(`/api/workflows/${created.body.id}/activate`).set(t.auth)).body.hooks[0].url).pathname;
  const sent = await request(h).post(hook).send({ n: 1 });
  expect(sent.status).toBe(202);
  return sent.body.runId;
}

/** Polls until `ok()` holds, for at most `ms`. */
async function until(ok: () => boolean | Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await ok()) && Date.now() < end) await sleep(20);
}

const stepStatus = async (runId: string, nodeId: string) => {
  const run = (await request(t.app.handler).get(`/api/runs/${runId}`).set(t.auth)).body as { steps: Array<{ nodeId: string; status: string }> };
  return run.steps.find((s) => s.nodeId === nodeId)?.status;
};

describe('branches run independently', () => {
  it('goes on after a first-wins merge as soon as the fast branch arrives', async () => {
    const rcv = await startGatedReceiver(['/slow']);
    try {
      const runId = await start({
        name: 'merge first, fast and slow',
        nodes: [
          node('hook', 'webhook'),
          node('fast', 'code', { code: 'return { from: "fast" }' }),
          node('slow', 'http', post(`${rcv.url}/slow`)),
          node('join', 'merge', { mode: 'first' }),
          node('after', 'http', post(`${rcv.url}/after`)),
        ],
        edges: [edge('hook', 'fast'), edge('hook', 'slow'), edge('fast', 'join'), edge('slow', 'join'), edge('join', 'after')],
      });
      await until(() => rcv.count('arrived /after') > 0);
      rcv.release('/slow');
      const run = await waitForRun(t.app.handler, t.auth, runId);
      expect(run.status, JSON.stringify(run)).toBe('succeeded');
      expect(rcv.at('arrived /after'), rcv.log.join(', ')).toBeGreaterThan(-1);
      expect(rcv.at('arrived /after'), rcv.log.join(', ')).toBeLessThan(rcv.at('answered /slow'));
      // The slow branch's result is kept, but it never starts the merge's downstream again.
      expect(run.steps.find((s: { nodeId: string }) => s.nodeId === 'slow')?.status).toBe('succeeded');
      expect(rcv.count('arrived /after')).toBe(1);
    } finally {
      await rcv.close();
    }
  });

  it("starts a fast branch's second step while its slow sibling is still running", async () => {
    const rcv = await startGatedReceiver(['/b1']);
    try {
      const runId = await start({
        name: 'two chains',
        nodes: [
          node('hook', 'webhook'),
          node('a1', 'code', { code: 'return { a: 1 }' }),
          node('a2', 'http', post(`${rcv.url}/a2`)),
          node('b1', 'http', post(`${rcv.url}/b1`)),
          node('b2', 'code', { code: 'return input' }),
        ],
        edges: [edge('hook', 'a1'), edge('a1', 'a2'), edge('hook', 'b1'), edge('b1', 'b2')],
      });
      await until(() => rcv.count('arrived /a2') > 0);
      rcv.release('/b1');
      const run = await waitForRun(t.app.handler, t.auth, runId);
      expect(run.status, JSON.stringify(run)).toBe('succeeded');
      expect(rcv.at('arrived /a2'), rcv.log.join(', ')).toBeGreaterThan(-1);
      expect(rcv.at('arrived /a2'), rcv.log.join(', ')).toBeLessThan(rcv.at('answered /b1'));
    } finally {
      await rcv.close();
    }
  });

  it('waits for every branch before an all-merge, with the fast branch already committed', async () => {
    const rcv = await startGatedReceiver(['/slow']);
    try {
      const runId = await start({
        name: 'merge all, fast and slow',
        nodes: [
          node('hook', 'webhook'),
          node('fast', 'code', { code: 'return { from: "fast" }' }),
          node('slow', 'http', post(`${rcv.url}/slow`)),
          node('join', 'merge', { mode: 'all', combine: 'byStep' }),
          node('after', 'http', post(`${rcv.url}/after`)),
        ],
        edges: [edge('hook', 'fast'), edge('hook', 'slow'), edge('fast', 'join'), edge('slow', 'join'), edge('join', 'after')],
      });
      // The fast step's record is stored while the slow one is still held...
      await until(async () => (await stepStatus(runId, 'fast')) === 'succeeded');
      expect(await stepStatus(runId, 'fast')).toBe('succeeded');
      await sleep(300);
      // ...and nothing downstream of the merge has started.
      expect(rcv.count('arrived /after'), rcv.log.join(', ')).toBe(0);
      rcv.release('/slow');
      const run = await waitForRun(t.app.handler, t.auth, runId);
      expect(run.status, JSON.stringify(run)).toBe('succeeded');
      expect(rcv.at('answered /slow')).toBeLessThan(rcv.at('arrived /after'));
      expect(run.steps.find((s: { nodeId: string }) => s.nodeId === 'join')?.output).toMatchObject({ fast: { from: 'fast' }, slow: { status: 200, body: { path: '/slow' } } });
    } finally {
      await rcv.close();
    }
  });

  it('moves the branches of each loop item independently too', async () => {
    const rcv = await startGatedReceiver(['/slow']);
    try {
      const runId = await start({
        name: 'loop with two branches per item',
        nodes: [
          node('hook', 'webhook'),
          node('each', 'loop', { items: [1] }),
          node('fast', 'code', { code: 'return { item: input }' }),
          node('fast2', 'http', post(`${rcv.url}/fast2`)),
          node('slow', 'http', post(`${rcv.url}/slow`)),
        ],
        edges: [edge('hook', 'each'), edge('each', 'fast', 'item'), edge('fast', 'fast2'), edge('each', 'slow', 'item')],
      });
      await until(() => rcv.count('arrived /fast2') > 0);
      rcv.release('/slow');
      const run = await waitForRun(t.app.handler, t.auth, runId);
      expect(run.status, JSON.stringify(run)).toBe('succeeded');
      expect(rcv.at('arrived /fast2'), rcv.log.join(', ')).toBeGreaterThan(-1);
      expect(rcv.at('arrived /fast2'), rcv.log.join(', ')).toBeLessThan(rcv.at('answered /slow'));
    } finally {
      await rcv.close();
    }
  });
  it('goes on with other branches while one waits for a sub-workflow, and resumes the wait after', async () => {
    const rcv = await startGatedReceiver(['/slow']);
    try {
      const child = await request(t.app.handler)
        .post('/api/workflows')
        .set(t.auth)
        .send({ name: 'slow child', nodes: [node('called', 'subworkflowTrigger'), node('slow', 'http', post(`${rcv.url}/slow`))], edges: [edge('called', 'slow')] });
      expect(child.status, JSON.stringify(child.body)).toBe(201);
      const runId = await start({
        name: 'waits on a child beside a fast branch',
        nodes: [
          node('hook', 'webhook'),
          node('call', 'subworkflow', { workflowId: child.body.id }),
          node('afterCall', 'http', post(`${rcv.url}/after-call`)),
          node('fast', 'code', { code: 'return { from: "fast" }' }),
          node('fastAfter', 'http', post(`${rcv.url}/fast-after`)),
        ],
        edges: [edge('hook', 'call'), edge('call', 'afterCall'), edge('hook', 'fast'), edge('fast', 'fastAfter')],
      });
      await until(() => rcv.count('arrived /fast-after') > 0 && rcv.count('arrived /slow') > 0);
      rcv.release('/slow');
      const run = await waitForRun(t.app.handler, t.auth, runId, 30_000);
      expect(run.status, JSON.stringify(run)).toBe('succeeded');
      expect(rcv.at('arrived /fast-after'), rcv.log.join(', ')).toBeGreaterThan(-1);
      expect(rcv.at('arrived /fast-after'), rcv.log.join(', ')).toBeLessThan(rcv.at('answered /slow'));
      expect(rcv.at('answered /slow')).toBeLessThan(rcv.at('arrived /after-call'));
      expect(rcv.count('arrived /fast-after')).toBe(1);
    } finally {
      await rcv.close();
    }
  });
  it('cancel stops every branch in flight', async () => {
    const rcv = await startGatedReceiver(['/one', '/two']);
    try {
      const runId = await start({
        name: 'two held branches',
        nodes: [node('hook', 'webhook'), node('one', 'http', post(`${rcv.url}/one`)), node('two', 'http', post(`${rcv.url}/two`)), node('after', 'http', post(`${rcv.url}/after`))],
        edges: [edge('hook', 'one'), edge('hook', 'two'), edge('one', 'after')],
      });
      await until(() => rcv.count('arrived /one') > 0 && rcv.count('arrived /two') > 0);
      expect((await request(t.app.handler).post(`/api/runs/${runId}/cancel`).set(t.auth)).status).toBe(200);
      const run = await waitForRun(t.app.handler, t.auth, runId);
      expect(run.status, JSON.stringify(run)).toBe('cancelled');
      // Both calls were abandoned while still held: neither was answered before the run ended.
      expect(
        rcv.log.filter((l) => l.startsWith('answered')),
        rcv.log.join(', '),
      ).toEqual([]);
      expect(rcv.count('arrived /after')).toBe(0);
    } finally {
      await rcv.close();
    }
  });
});
