import { afterAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { cli, freePort, startServerProcess } from '../../support/server-process.js';
import { tempDir } from '../../support/temp-dir.js';
import { edge, node } from '../../support/workflows.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('a parent waiting for a slow child across kill -9', () => {
  it('completes after a restart, each step of parent and child run once', async () => {
    const rcv = await startReceiver();
    const env = { PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dir.path, EGRESS_ALLOW: '127.0.0.1/32' };
    let srv = await startServerProcess(env);
    const key = (await cli(['api-key', 'create', '--name', 'sub'], env)).trim().split('\n').pop();
    const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const post = async (path: string, body: unknown) => (await fetch(`${srv.base}${path}`, { method: 'POST', headers: auth, body: JSON.stringify(body) })).json();
    const get = async (path: string) => (await fetch(`${srv.base}${path}`, { headers: auth })).json();
    async function until(runId: string, wanted: string[], tries = 300) {
      let run;
      for (let i = 0; i < tries; i++) {
        run = await get(`/api/runs/${runId}`);
        if (wanted.includes(run.status)) return run;
        await new Promise((r) => setTimeout(r, 50));
      }
      return run;
    }

    const child = await post('/api/workflows', {
      name: 'slow child',
      nodes: [
        node('called', 'subworkflowTrigger'),
        node('before', 'http', { url: `${rcv.url}/child-before`, body: { id: '{{ trigger.body.id }}' } }),
        node('wait', 'delay', { duration: '3s' }),
        node('answer', 'respond', { body: { done: '{{ trigger.body.id }}' } }),
      ],
      edges: [edge('called', 'before'), edge('before', 'wait'), edge('wait', 'answer')],
    });
    const parent = await post('/api/workflows', {
      name: 'patient parent',
      nodes: [
        node('start', 'manual'),
        node('call', 'subworkflow', { workflowId: child.id, input: { id: '{{ trigger.body.id }}' } }),
        node('after', 'http', { url: `${rcv.url}/parent-after`, body: { got: '{{ steps.call.done }}' } }),
      ],
      edges: [edge('start', 'call'), edge('call', 'after')],
    });
    const { runId } = await post(`/api/workflows/${parent.id}/run`, { payload: { id: 'r1' } });
    const parked = await until(runId, ['waiting']);
    expect(parked.status).toBe('waiting');
    const childRunId = parked.steps.find((s: { nodeId: string }) => s.nodeId === 'call').attempts[0].detail.childRunId;
    expect((await until(childRunId, ['waiting'])).status).toBe('waiting');

    await srv.kill();
    srv = await startServerProcess(env);
    const done = await until(runId, ['succeeded', 'failed', 'cancelled'], 400);
    const childDone = await get(`/api/runs/${childRunId}`);
    const childRuns = (await get(`/api/runs?workflowId=${child.id}`)).runs;
    await srv.stop();
    await rcv.close();

    expect(done.status).toBe('succeeded');
    expect(childDone).toMatchObject({ status: 'succeeded', parentRunId: runId });
    expect(childRuns).toHaveLength(1);
    expect(rcv.got.map((g) => [g.url, g.body])).toEqual([
      ['/child-before', '{"id":"r1"}'],
      ['/parent-after', '{"got":"r1"}'],
    ]);
    for (const s of done.steps.slice(1)) expect(s.attempts).toHaveLength(1);
  }, 90_000);
});
