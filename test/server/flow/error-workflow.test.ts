import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { startTestApp } from '../../support/test-app.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';
import type { WorkflowDefinitionInput } from '../../../shared/graph/workflow-schema.js';

// Warnings the server logs, kept so a test can read them.
const logged: Array<{ level: number; msg: string; errorWorkflowId?: string }> = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) logged.push(JSON.parse(line) as (typeof logged)[number]);
    done();
  },
});

let t: Awaited<ReturnType<typeof startTestApp>>;
let rcv: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  t = await startTestApp({}, { logger: pino({ level: 'warn' }, sink) });
  rcv = await startReceiver((r) => (r.url === '/fail' ? { status: 422 } : { status: 200 }));
});
afterAll(async () => {
  await t?.stop();
  await rcv?.close();
});

const api = () => request(t.app.handler);
async function save(def: WorkflowDefinitionInput, activate = false): Promise<string> {
  const res = await api().post('/api/workflows').set(t.auth).send(def);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  if (activate) expect((await api().post(`/api/workflows/${res.body.id}/activate`).set(t.auth)).status).toBe(200);
  return res.body.id as string;
}
const runNow = async (id: string, payload: unknown) => (await api().post(`/api/workflows/${id}/run`).set(t.auth).send({ payload })).body.runId as string;
const runsOf = async (workflowId: string) => (await api().get(`/api/runs?workflowId=${workflowId}`).set(t.auth)).body.runs as Array<{ id: string; status: string }>;
/** manual -> an http step; `/fail` answers 422 and the step makes one attempt. */
const oneStep = (name: string, url: string, settings: Record<string, unknown> = {}, body: unknown = {}): WorkflowDefinitionInput => ({
  name,
  nodes: [node('start', 'manual'), { ...node('send', 'http', { url: `${rcv.url}${url}`, body, retry: { attempts: 1 } }), label: 'Send it' }],
  edges: [edge('start', 'send')],
  settings,
});

describe('error workflows', () => {
  it('start with a summary of the failed run, in the transaction that records the failure', async () => {
    const reporter = await save(oneStep('reporter', '/report', {}, '{{ trigger.body }}'), true);
    const failing = await save(oneStep('checkout', '/fail', { errorWorkflowId: reporter }));
    const failed = await waitForRun(t.app.handler, t.auth, await runNow(failing, { order: 42 }));
    expect(failed.status).toBe('failed');
    // The error run was stored with the failure: it exists as soon as the failure does.
    const reports = await runsOf(reporter);
    expect(reports).toHaveLength(1);
    const report = await waitForRun(t.app.handler, t.auth, reports[0]?.id as string);
    expect(report).toMatchObject({ status: 'succeeded', errorOf: failed.id });

    const sent = JSON.parse(rcv.got.filter((g) => g.url === '/report')[0]?.body ?? 'null');
    expect(sent).toEqual({
      workflow: { id: failing, name: 'checkout' },
      run: { id: failed.id, status: 'failed', startedAt: new Date(failed.startedAt).toISOString(), finishedAt: new Date(failed.finishedAt).toISOString(), url: `http://127.0.0.1:9/runs/${failed.id}` },
      error: { code: 'http_client_error', message: failed.error.message, nodeId: 'send', nodeLabel: 'Send it' },
      trigger: { order: 42 },
    });
  });

  it('never reports the failure of an error workflow run: no loops, even when it names itself', async () => {
    const selfish = await save({ ...oneStep('selfish reporter', '/fail'), settings: {} }, true);
    const put = await api()
      .put(`/api/workflows/${selfish}`)
      .set(t.auth)
      .send(oneStep('selfish reporter', '/fail', { errorWorkflowId: selfish }));
    expect(put.status).toBe(200);
    const failing = await save(oneStep('fails too', '/fail', { errorWorkflowId: selfish }));
    await waitForRun(t.app.handler, t.auth, await runNow(failing, {}));
    const reports = await runsOf(selfish);
    expect(reports).toHaveLength(1);
    const report = await waitForRun(t.app.handler, t.auth, reports[0]?.id as string);
    expect(report.status).toBe('failed');
    // Any further error run would have been stored with this failure.
    expect(await runsOf(selfish)).toHaveLength(1);
  });

  it('starts nothing and logs a warning when the error workflow is inactive or missing', async () => {
    const inactive = await save(oneStep('sleeping reporter', '/report-inactive'));
    for (const errorWorkflowId of [inactive, 'wf_missing']) {
      const failing = await save(oneStep(`reports to ${errorWorkflowId}`, '/fail', { errorWorkflowId }));
      const failed = await waitForRun(t.app.handler, t.auth, await runNow(failing, {}));
      expect(failed.status).toBe('failed');
      expect(logged.some((l) => l.level === 40 && l.errorWorkflowId === errorWorkflowId)).toBe(true);
    }
    expect(await runsOf(inactive)).toHaveLength(0);
  });

  it('is not started for runs that succeed', async () => {
    const reporter = await save(oneStep('quiet reporter', '/report-quiet'), true);
    const fine = await save(oneStep('fine', '/ok', { errorWorkflowId: reporter }));
    expect((await waitForRun(t.app.handler, t.auth, await runNow(fine, {}))).status).toBe('succeeded');
    expect(await runsOf(reporter)).toHaveLength(0);
  });
});
