import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startGatedReceiver } from '../../support/gated-receiver.js';
import { cli, freePort, startServerProcess } from '../../support/server-process.js';
import { tempDir } from '../../support/temp-dir.js';
import { edge, node } from '../../support/workflows.js';

// The built server as a child process (`npm run build` first, as `npm test` does).
const built = existsSync(fileURLToPath(new URL('../../../dist/server/cli.js', import.meta.url)));
const dir = tempDir('switchyard-branch-crash-');
afterAll(() => dir.cleanup());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const post = (url: string) => ({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body: { n: '{{ trigger.body.n }}' } });
type RunDetail = { status: string; steps: Array<{ nodeId: string; status: string; attempts: unknown[] }> };

describe('independent branches across a crash', () => {
  it('after kill -9 with the slow branch in flight, re-runs neither step the fast branch finished', async () => {
    expect(built, 'dist/server/cli.js is missing: run `npm run build` first').toBe(true);
    const rcv = await startGatedReceiver(['/slow'], 60_000);
    const env = { PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dir.path, EGRESS_ALLOW: '127.0.0.1/32' };
    let srv = await startServerProcess(env);
    try {
      const key = (await cli(['api-key', 'create', '--name', 'x'], env)).trim().split(/\s+/).pop() ?? '';
      const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
      const wf = {
        name: 'fast and slow across a crash',
        nodes: [
          node('hook', 'webhook'),
          node('fast', 'code', { code: 'return { from: "fast" }' }),
          node('fastAfter', 'http', post(`${rcv.url}/fast-after`)),
          node('slow', 'http', post(`${rcv.url}/slow`)),
        ],
        edges: [edge('hook', 'fast'), edge('fast', 'fastAfter'), edge('hook', 'slow')],
      };
      const created = await (await fetch(`${srv.base}/api/workflows`, { method: 'POST', headers: auth, body: JSON.stringify(wf) })).json();
      expect((await fetch(`${srv.base}/api/workflows/${created.id}/activate`, { method: 'POST', headers: auth })).status).toBeLessThan(300);
      const sent = await fetch(`${srv.base}${new URL(created.hooks[0].url).pathname}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":1}' });
      expect(sent.status).toBe(202);
      const { runId } = (await sent.json()) as { runId: string };
      const detail = async () => (await (await fetch(`${srv.base}/api/runs/${runId}`, { headers: auth })).json()) as RunDetail;

      // The fast branch has finished and its records are stored; the slow call is still held.
      for (let i = 0; i < 200 && (await detail()).steps.find((s) => s.nodeId === 'fastAfter')?.status !== 'succeeded'; i++) await sleep(50);
      const before = await detail();
      expect(before.steps.find((s) => s.nodeId === 'fastAfter')?.status, JSON.stringify(before)).toBe('succeeded');
      expect(rcv.count('arrived /slow')).toBe(1);
      expect(rcv.count('answered /slow')).toBe(0);

      await srv.kill();
      rcv.release('/slow');
      srv = await startServerProcess(env);

      let after = await detail();
      for (let i = 0; i < 300 && !['succeeded', 'failed'].includes(after.status); i++) {
        await sleep(100);
        after = await detail();
      }
      expect(after.status, JSON.stringify(after)).toBe('succeeded');
      // The steps that had ended ran once; only the step in flight at the crash ran again.
      expect(rcv.count('arrived /fast-after'), rcv.log.join(', ')).toBe(1);
      expect(after.steps.find((s) => s.nodeId === 'fast')?.attempts).toHaveLength(1);
      expect(after.steps.find((s) => s.nodeId === 'fastAfter')?.attempts).toHaveLength(1);
      expect(rcv.count('arrived /slow')).toBe(2);
    } finally {
      await srv.stop();
      await rcv.close();
    }
  }, 90_000);
});
