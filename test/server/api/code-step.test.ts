import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

const env = useAppAndReceiver();

async function deploy(name: string, code: string, memoryMb = 64, timeoutMs = 1_000) {
  const def = {
    name,
    nodes: [node('hook', 'webhook'), node('shape', 'code', { code, memoryMb, timeoutMs }), node('out', 'http', { url: `${env.rcv.url}/${name}`, body: '{{ steps.shape }}' })],
    edges: [edge('hook', 'shape'), edge('shape', 'out')],
  };
  const wf = (await request(env.t.app.handler).post('/api/workflows').set(env.t.auth).send(def)).body;
  expect(wf.id, JSON.stringify(wf)).toBeDefined();
  return new URL((await request(env.t.app.handler).post(`/api/workflows/${wf.id}/activate`).set(env.t.auth)).body.hooks[0].url).pathname;
}

describe('code steps in runs', () => {
  it('transforms the event and hands the result to the next step, keeping expression types', async () => {
    const hook = await deploy('shape', 'const total = trigger.body.items.reduce((a, b) => a + b, 0);\nreturn { text: `Order ${trigger.body.id}`, total, up: input.body.id };');
    const run = await waitForRun(
      env.t.app.handler,
      env.t.auth,
      (
        await request(env.t.app.handler)
          .post(hook)
          .send({ id: 7, items: [1, 2, 3] })
      ).body.runId,
    );
    expect(run.status).toBe('succeeded');
    expect(run.steps.find((s: { nodeId: string }) => s.nodeId === 'shape').output).toEqual({ text: 'Order 7', total: 6, up: 7 });
    expect(env.rcv.got.filter((g) => g.url === '/shape').map((g) => JSON.parse(g.body))).toEqual([{ text: 'Order 7', total: 6, up: 7 }]);
  });

  it('points a runtime error at its line', async () => {
    const hook = await deploy('oops', 'const a = 1;\nconst b = 2;\nreturn trigger.body.customer.email;');
    const run = await waitForRun(env.t.app.handler, env.t.auth, (await request(env.t.app.handler).post(hook).send({})).body.runId);
    expect(run.status).toBe('failed');
    const err = run.steps.find((s: { nodeId: string }) => s.nodeId === 'shape').error;
    expect(err.message).toMatch(/TypeError at line 3/);
  });

  it('fails a run whose code crashes its sandbox process, while a concurrent run of another workflow succeeds', async () => {
    // A generous time limit: near its memory limit V8 collects garbage for seconds on a busy
    // machine before it gives up, and this test is about the memory limit, not the time limit.
    const bomb = await deploy('bomb', 'const a = []; for (;;) { a.push(new Array(1e6).fill(Math.random())); }', 128, 30_000);
    const fine = await deploy('fine', 'return { fine: trigger.body.n };');
    const [crash, ...ok] = await Promise.all([request(env.t.app.handler).post(bomb).send({}), ...Array.from({ length: 3 }, (_, n) => request(env.t.app.handler).post(fine).send({ n }))]);
    const crashed = await waitForRun(env.t.app.handler, env.t.auth, crash!.body.runId, 45_000);
    expect(crashed.status).toBe('failed');
    expect(crashed.steps.find((s: { nodeId: string }) => s.nodeId === 'shape').error.code).toMatch(/memory_limit|sandbox_crashed/);
    for (const r of ok) expect((await waitForRun(env.t.app.handler, env.t.auth, r.body.runId, 45_000)).status).toBe('succeeded');
    expect((await request(env.t.app.handler).get('/healthz')).status).toBe(200);
    const after = await waitForRun(env.t.app.handler, env.t.auth, (await request(env.t.app.handler).post(fine).send({ n: 9 })).body.runId, 30_000);
    expect(after.status).toBe('succeeded');
  }, 90_000);

  it('refuses a workflow whose expression does not parse, naming the node and field', async () => {
    const res = await request(env.t.app.handler)
      .post('/api/workflows')
      .set(env.t.auth)
      .send({ name: 'bad expr', nodes: [node('hook', 'webhook'), node('out', 'http', { url: `${env.rcv.url}/x`, body: { a: '{{ trigger.body. }}' } })], edges: [edge('hook', 'out')] });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0]).toMatchObject({ nodeId: 'out', path: 'config.body.a' });
  });
});
