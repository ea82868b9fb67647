import { afterAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { cli, freePort, startServerProcess } from '../../support/server-process.js';
import { tempDir } from '../../support/temp-dir.js';
import { edge, node } from '../../support/workflows.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('a delay across kill -9', () => {
  it('resumes a waiting run after a restart and runs the next step exactly once', async () => {
    const rcv = await startReceiver();
    const env = { PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dir.path, EGRESS_ALLOW: '127.0.0.1/32' };
    let srv = await startServerProcess(env);
    const key = (await cli(['api-key', 'create', '--name', 'delay'], env)).trim().split('\n').pop();
    const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const def = {
      name: 'remind',
      nodes: [node('hook', 'webhook'), node('wait', 'delay', { duration: '2s' }), node('out', 'http', { url: `${rcv.url}/remind`, body: { id: '{{ trigger.body.id }}' } })],
      edges: [edge('hook', 'wait'), edge('wait', 'out')],
    };
    const wf = await (await fetch(`${srv.base}/api/workflows`, { method: 'POST', headers: auth, body: JSON.stringify(def) })).json();
    const active = await (await fetch(`${srv.base}/api/workflows/${wf.id}/activate`, { method: 'POST', headers: auth })).json();
    const hook = `${srv.base}${new URL(active.hooks[0].url).pathname}`;
    const { runId } = await (await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"r1"}' })).json();
    for (let i = 0; i < 100; i++) {
      const run = await (await fetch(`${srv.base}/api/runs/${runId}`, { headers: auth })).json();
      if (run.status === 'waiting') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await srv.kill();
    srv = await startServerProcess(env);
    let run;
    for (let i = 0; i < 200; i++) {
      run = await (await fetch(`${srv.base}/api/runs/${runId}`, { headers: auth })).json();
      if (run.status === 'succeeded' || run.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await srv.stop();
    await rcv.close();
    expect(run.status).toBe('succeeded');
    expect(rcv.got.map((g) => g.body)).toEqual(['{"id":"r1"}']);
  }, 60_000);
});
