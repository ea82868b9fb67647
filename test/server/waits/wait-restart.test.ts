import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { cli, freePort, startServerProcess } from '../../support/server-process.js';
import { tempDir } from '../../support/temp-dir.js';
import { edge, node } from '../../support/workflows.js';

// The built server as a child process (`npm run build` first, as `npm test` does).
const built = existsSync(fileURLToPath(new URL('../../../dist/server/cli.js', import.meta.url)));
const dir = tempDir('switchyard-wait-crash-');
afterAll(() => dir.cleanup());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type RunDetail = { status: string; steps: Array<{ nodeId: string; status: string; output?: Record<string, unknown> }> };

describe('a waiting run across kill -9', () => {
  it('keeps its resume URL working after the server is killed and started again, and held events survive too', async () => {
    expect(built, 'dist/server/cli.js is missing: run `npm run build` first').toBe(true);
    const rcv = await startReceiver();
    const port = String(await freePort());
    const env = { PORT: port, HOST: '127.0.0.1', DATA_DIR: dir.path, EGRESS_ALLOW: '127.0.0.1/32', PUBLIC_URL: `http://127.0.0.1:${port}` };
    let srv = await startServerProcess(env);
    try {
      const key = (await cli(['api-key', 'create', '--name', 'x'], env)).trim().split(/\s+/).pop() ?? '';
      const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
      const api = async (path: string, init: RequestInit = {}) => (await fetch(`${srv.base}${path}`, { ...init, headers: auth })).json();
      const wf = {
        name: 'wait across a crash',
        nodes: [
          node('hook', 'webhook'),
          node('cb', 'wait', { timeout: '1h' }),
          node('after', 'http', { method: 'POST', url: `${rcv.url}/after`, headers: { 'content-type': 'application/json' }, body: { got: '{{ steps.cb.body.ok }}', n: '{{ trigger.body.n }}' } }),
        ],
        edges: [edge('hook', 'cb'), edge('cb', 'after')],
      };
      const created = await api('/api/workflows', { method: 'POST', body: JSON.stringify(wf) });
      const activated = await api(`/api/workflows/${created.id}/activate`, { method: 'POST' });
      const hook = new URL(activated.hooks[0].url).pathname;
      const sent = await fetch(`${srv.base}${hook}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":1}' });
      expect(sent.status).toBe(202);
      const { runId } = (await sent.json()) as { runId: string };
      const detail = async () => (await api(`/api/runs/${runId}`)) as RunDetail;
      let before = await detail();
      for (let i = 0; i < 200 && before.status !== 'waiting'; i++) {
        await sleep(50);
        before = await detail();
      }
      expect(before.status, JSON.stringify(before)).toBe('waiting');
      const resumeUrl = String(before.steps.find((s) => s.nodeId === 'cb')?.output?.resumeUrl);

      // Pause and hold two events, then kill -9 mid-pause.
      expect((await api(`/api/workflows/${created.id}/pause`, { method: 'POST' })).paused).toBe(true);
      for (const n of [2, 3]) expect((await fetch(`${srv.base}${hook}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n }) })).status).toBe(202);
      await srv.kill();
      srv = await startServerProcess(env);

      const after = await api(`/api/workflows/${created.id}`);
      expect(after).toMatchObject({ paused: true, heldCount: 2 });
      const resumed = await fetch(resumeUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ok":"yes"}' });
      expect(resumed.status).toBe(202);
      expect((await fetch(resumeUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(409);
      let end = await detail();
      for (let i = 0; i < 300 && !['succeeded', 'failed'].includes(end.status); i++) {
        await sleep(100);
        end = await detail();
      }
      expect(end.status, JSON.stringify(end)).toBe('succeeded');
      expect(rcv.got.filter((r) => r.url === '/after').map((r) => JSON.parse(r.body))).toEqual([{ got: 'yes', n: 1 }]);

      // The held events run once each after resume (they park at the wait step, each with its own URL).
      const res = await api(`/api/workflows/${created.id}/resume`, { method: 'POST' });
      expect(res).toMatchObject({ paused: false, heldCount: 0, released: 2 });
      const runs = (await api(`/api/runs?workflowId=${created.id}`)).runs as Array<{ id: string }>;
      expect(runs).toHaveLength(3);
    } finally {
      await srv.stop();
      await rcv.close();
    }
  }, 120_000);
});
