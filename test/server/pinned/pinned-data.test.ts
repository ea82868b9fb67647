import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { isTestRunPath } from '../../../server/engine/test-run.js';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

// A real receiver on 127.0.0.1 counts the requests: a pinned HTTP step must send none in a
// test run, and a live run of the same workflow must still call it.
const env = useAppAndReceiver(() => ({ status: 200, body: '{"from":"receiver"}' }));
const api = () => request(env.t.app.handler);
const path = (url: string) => new URL(url).pathname;
const PINNED = { from: 'pin', customer: { id: 'cus_42' } };

type Step = { nodeId: string; output: unknown; detail?: unknown };

const definition = (pinned?: Record<string, unknown>) => ({
  name: 'pinned lookup',
  nodes: [
    node('hook', 'webhook'),
    node('lookup', 'http', { method: 'POST', url: `${env.rcv.url}/lookup`, body: { id: '{{ trigger.body.id }}' } }, 250),
    node('shape', 'code', { code: 'return { got: steps.lookup.body ?? steps.lookup, id: trigger.body.id };' }, 500),
  ],
  edges: [edge('hook', 'lookup'), edge('lookup', 'shape')],
  ...(pinned ? { pinned } : {}),
});

describe('pinned step outputs', () => {
  it('tells test runs from live ones by the path their event carries', () => {
    expect(isTestRunPath('/test-run')).toBe(true);
    expect(isTestRunPath('/hooks/test/abcDEF_123')).toBe(true);
    expect(isTestRunPath('/hooks/abcDEF_123')).toBe(false);
    expect(isTestRunPath('/run')).toBe(false);
    expect(isTestRunPath(undefined)).toBe(false);
  });

  it('are used by Test run and the test URL instead of calling the step, while live runs call it', async () => {
    const created = await api()
      .post('/api/workflows')
      .set(env.t.auth)
      .send(definition({ lookup: PINNED }));
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    expect(created.body.definition.pinned).toEqual({ lookup: PINNED });
    const calls = () => env.rcv.got.filter((g) => g.url === '/lookup').length;

    const test = await api()
      .post(`/api/workflows/${id}/test-run`)
      .set(env.t.auth)
      .send({ event: { body: { id: 7 } } });
    expect(test.status, test.text).toBe(202);
    const testRun = await waitForRun(env.t.app.handler, env.t.auth, test.body.runId);
    expect(testRun.status).toBe('succeeded');
    const step = (run: { steps: Step[] }, nodeId: string) => run.steps.find((s) => s.nodeId === nodeId);
    expect(step(testRun, 'lookup')?.output).toEqual(PINNED);
    expect(step(testRun, 'shape')?.output).toEqual({ got: PINNED, id: 7 });

    const hook = created.body.hooks[0] as { url: string; testUrl: string };
    const ack = await api().post(path(hook.testUrl)).send({ id: 8 });
    expect(ack.status, ack.text).toBe(202);
    const urlRun = await waitForRun(env.t.app.handler, env.t.auth, ack.body.runId);
    expect(step(urlRun, 'shape')?.output).toEqual({ got: PINNED, id: 8 });
    expect(calls()).toBe(0);

    await api().post(`/api/workflows/${id}/publish`).set(env.t.auth).send({}).expect(200);
    await api().post(`/api/workflows/${id}/activate`).set(env.t.auth).expect(200);
    const live = await api().post(path(hook.url)).send({ id: 9 });
    const liveRun = await waitForRun(env.t.app.handler, env.t.auth, live.body.runId);
    expect(liveRun.status).toBe('succeeded');
    expect(step(liveRun, 'shape')?.output).toEqual({ got: { from: 'receiver' }, id: 9 });
    expect(calls()).toBe(1);
  });

  it('refuses pinned data that is not keyed by node ids or is too large', async () => {
    const bad = await api()
      .post('/api/workflows')
      .set(env.t.auth)
      .send(definition({ 'not an id': 1 }));
    expect(bad.status).toBe(400);
    const big = await api()
      .post('/api/workflows')
      .set(env.t.auth)
      .send(definition({ lookup: 'x'.repeat(1_000_001) }));
    expect(big.status).toBe(400);
    expect(JSON.stringify(big.body.error)).toMatch(/pinned/);
  });
});
