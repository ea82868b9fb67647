import { afterAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { cli, freePort, startServerProcess } from '../../support/server-process.js';
import { tempDir } from '../../support/temp-dir.js';
import { edge, node } from '../../support/workflows.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('a loop across kill -9', () => {
  it('continues where it stopped after a restart: every item once, the interrupted call repeated with its key', async () => {
    // The 15th call hangs, so the server is killed with item 14 in flight and 0..13 done.
    const rcv = await startReceiver((_r, n) => (n === 15 ? 'hang' : { status: 200 }));
    const env = { PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dir.path, EGRESS_ALLOW: '127.0.0.1/32' };
    let srv = await startServerProcess(env);
    const key = (await cli(['api-key', 'create', '--name', 'loop'], env)).trim().split('\n').pop();
    const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const def = {
      name: 'loop restart',
      nodes: [
        node('hook', 'webhook'),
        node('each', 'loop', { items: '{{ trigger.body.items }}' }),
        node('shape', 'code', { code: 'return { n: input, index: steps.each.index }' }),
        node('out', 'http', { url: `${rcv.url}/item`, body: { n: '{{ input.n }}' } }),
        node('end', 'code', { code: 'return input.length' }),
      ],
      edges: [edge('hook', 'each'), edge('each', 'shape', 'item'), edge('shape', 'out'), edge('each', 'end', 'done')],
    };
    const wf = await (await fetch(`${srv.base}/api/workflows`, { method: 'POST', headers: auth, body: JSON.stringify(def) })).json();
    const active = await (await fetch(`${srv.base}/api/workflows/${wf.id}/activate`, { method: 'POST', headers: auth })).json();
    const hook = `${srv.base}${new URL(active.hooks[0].url).pathname}`;
    const items = Array.from({ length: 40 }, (_, i) => i);
    const { runId } = await (await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items }) })).json();
    for (let i = 0; i < 400 && rcv.got.length < 15; i++) await new Promise((r) => setTimeout(r, 25));
    expect(rcv.got.length).toBe(15);
    await srv.kill();
    srv = await startServerProcess(env);
    let run;
    for (let i = 0; i < 400; i++) {
      run = await (await fetch(`${srv.base}/api/runs/${runId}`, { headers: auth })).json();
      if (run.status === 'succeeded' || run.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(run.status).toBe('succeeded');
    expect(run.steps.find((s: { nodeId: string }) => s.nodeId === 'end').output).toBe(40);
    // Only the call cut by the kill went twice, with the same idempotency key both times.
    const keys = rcv.got.map((g) => g.headers['idempotency-key']);
    expect(rcv.got).toHaveLength(41);
    expect(new Set(keys).size).toBe(40);
    expect(rcv.got[14]?.headers['idempotency-key']).toBe(rcv.got[15]?.headers['idempotency-key']);
    expect(rcv.got.map((g) => JSON.parse(g.body).n).filter((n, i, all) => all.indexOf(n) === i)).toEqual(items);
    // Each item's code step ran exactly once.
    for (const i of [0, 14, 39]) {
      const frame = await (await fetch(`${srv.base}/api/runs/${runId}?frame=each:${i}`, { headers: auth })).json();
      const shape = frame.steps.find((s: { nodeId: string }) => s.nodeId === 'shape');
      expect(shape.attempts).toHaveLength(1);
      expect(shape.output).toEqual({ n: i, index: i });
    }
    await srv.stop();
    await rcv.close();
  }, 90_000);
});
