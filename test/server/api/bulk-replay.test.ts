import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { startTestApp } from '../../support/test-app.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

let t: Awaited<ReturnType<typeof startTestApp>>;
let healthy = false;
let rcv: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  t = await startTestApp();
  rcv = await startReceiver(() => (healthy ? { status: 200 } : { status: 500, body: '{"error":"down"}' }));
});
afterAll(async () => {
  await t.stop();
  await rcv.close();
});

describe('replaying dead letters in bulk', () => {
  it('counts with a dry run, then replays only the matching failed runs, oldest first', async () => {
    const def = {
      name: 'fragile',
      nodes: [node('hook', 'webhook'), node('out', 'http', { url: `${rcv.url}/x`, body: { n: '{{ trigger.body.n }}' }, retry: { attempts: 1 } })],
      edges: [edge('hook', 'out')],
    };
    const wf = (await request(t.app.handler).post('/api/workflows').set(t.auth).send(def)).body;
    const activated = await request(t.app.handler).post(`/api/workflows/${wf.id}/activate`).set(t.auth);
    const hook = new URL(activated.body.hooks[0].url).pathname;
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) ids.push((await request(t.app.handler).post(hook).send({ n })).body.runId);
    for (const id of ids) expect((await waitForRun(t.app.handler, t.auth, id)).status).toBe('failed');
    const failedRun = await waitForRun(t.app.handler, t.auth, ids[0] as string);
    expect(failedRun.error).toMatchObject({ code: 'step_failed', nodeId: 'out', message: expect.stringContaining('"out" failed') });
    const cause = failedRun.error.cause as string;

    const dry = await request(t.app.handler).post('/api/runs/replay').set(t.auth).send({ workflowId: wf.id, status: 'failed', errorCode: cause, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({ count: 3, truncated: false, runIds: [] });
    expect((await request(t.app.handler).post('/api/runs/replay').set(t.auth).send({ workflowId: wf.id, status: 'failed', to: 1, dryRun: true })).body.count).toBe(0);

    healthy = true;
    const before = rcv.got.length;
    const replay = await request(t.app.handler).post('/api/runs/replay').set(t.auth).send({ workflowId: wf.id, status: 'failed' });
    expect(replay.status).toBe(202);
    expect(replay.body.count).toBe(3);
    for (const id of replay.body.runIds) expect((await waitForRun(t.app.handler, t.auth, id)).status).toBe('succeeded');
    expect(
      rcv.got
        .slice(before)
        .map((g) => JSON.parse(g.body).n)
        .sort(),
    ).toEqual([0, 1, 2]);
    const replayed = await request(t.app.handler).get(`/api/runs/${replay.body.runIds[0]}`).set(t.auth);
    expect(replayed.body.replayOf).toBe(ids[0]);
  });

  it('refuses bad filters with 400', async () => {
    expect((await request(t.app.handler).post('/api/runs/replay').set(t.auth).send({ status: 'sideways' })).status).toBe(400);
    expect((await request(t.app.handler).post('/api/runs/replay').set(t.auth).send({ from: 'yesterday-ish' })).status).toBe(400);
    expect((await request(t.app.handler).post('/api/runs/replay').set(t.auth).send({ max: 100000 })).status).toBe(400);
  });
});
