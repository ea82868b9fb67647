import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { cli, freePort, startServerProcess } from '../../support/server-process.js';
import { tempDir } from '../../support/temp-dir.js';
import { edge, node } from '../../support/workflows.js';

// The built server as a child process (`npm run build` first, as `npm test` does).
const built = existsSync(fileURLToPath(new URL('../../../dist/server/cli.js', import.meta.url)));
const dir = tempDir('switchyard-restart-');
afterAll(() => dir.cleanup());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const EVENTS = 4;

describe('delivery retries across a server crash', () => {
  it('continues each retry schedule after SIGKILL and a restart, and delivers once the receiver recovers', async () => {
    expect(built, 'dist/server/cli.js is missing: run `npm run build` first').toBe(true);
    let healthy = false;
    const rcv = await startReceiver(() => (healthy ? { status: 200 } : { status: 503, body: '{"err":"down"}' }));
    const env = { PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dir.path, EGRESS_ALLOW: '127.0.0.1/32' };
    let srv = await startServerProcess(env);
    try {
      const key = (await cli(['api-key', 'create', '--name', 'x'], env)).trim().split(/\s+/).pop() ?? '';
      const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
      // Retries 3 s apart (±20 %): long enough to kill the server while every run waits.
      const wf = {
        name: 'restart retries',
        nodes: [node('hook', 'webhook'), node('out', 'http', { method: 'POST', url: `${rcv.url}/r`, body: { n: '{{ trigger.body.n }}' }, retry: { attempts: 20, schedule: ['3s'] } }, 250)],
        edges: [edge('hook', 'out')],
      };
      const created = await (await fetch(`${srv.base}/api/workflows`, { method: 'POST', headers: auth, body: JSON.stringify(wf) })).json();
      expect(created.id, JSON.stringify(created)).toBeTruthy();
      expect((await fetch(`${srv.base}/api/workflows/${created.id}/activate`, { method: 'POST', headers: auth })).status).toBeLessThan(300);
      const hook = `${srv.base}${new URL(created.hooks[0].url).pathname}`;

      const runIds: string[] = [];
      for (let n = 0; n < EVENTS; n++) {
        const res = await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n }) });
        expect(res.status).toBe(202);
        runIds.push(((await res.json()) as { runId: string }).runId);
      }

      // Every event has failed at least once and its run waits for the next attempt.
      const seen = () => new Set(rcv.got.map((g) => (JSON.parse(g.body) as { n: number }).n));
      for (let i = 0; i < 100 && seen().size < EVENTS; i++) await sleep(100);
      expect(seen().size).toBe(EVENTS);
      const waiting = async () => {
        const statuses = await Promise.all(runIds.map(async (id) => ((await (await fetch(`${srv.base}/api/runs/${id}`, { headers: auth })).json()) as { status: string }).status));
        return statuses.every((s) => s === 'waiting');
      };
      for (let i = 0; i < 50 && !(await waiting()); i++) await sleep(100);
      expect(await waiting()).toBe(true);

      await srv.kill();
      const failuresBefore = rcv.got.length;
      healthy = true;
      srv = await startServerProcess(env);

      const finished: Array<{ status: string; steps: Array<{ nodeId: string; attempts: Array<{ status: string; error: { code: string } | null }> }> }> = [];
      for (const id of runIds) {
        let run: (typeof finished)[number] | undefined;
        for (let i = 0; i < 150; i++) {
          run = await (await fetch(`${srv.base}/api/runs/${id}`, { headers: auth })).json();
          if (run && ['succeeded', 'failed', 'cancelled'].includes(run.status)) break;
          await sleep(200);
        }
        if (run) finished.push(run);
      }
      expect(finished.map((r) => r.status)).toEqual(Array(EVENTS).fill('succeeded'));
      for (const run of finished) {
        const out = run.steps.find((s) => s.nodeId === 'out');
        // The failed attempts from before the crash are part of the record, then the success.
        expect(out?.attempts.length).toBeGreaterThanOrEqual(2);
        expect(out?.attempts[0]).toMatchObject({ status: 'retrying', error: { code: 'http_server_error' } });
        expect(out?.attempts.at(-1)?.status).toBe('succeeded');
      }
      const delivered = rcv.got.slice(failuresBefore);
      expect(new Set(delivered.map((g) => (JSON.parse(g.body) as { n: number }).n)).size).toBe(EVENTS);
      // Every attempt of one run carried the same key, before and after the crash.
      const keysByN = new Map<number, Set<string>>();
      for (const g of rcv.got) {
        const n = (JSON.parse(g.body) as { n: number }).n;
        keysByN.set(n, (keysByN.get(n) ?? new Set()).add(String(g.headers['idempotency-key'])));
      }
      expect([...keysByN.values()].map((s) => s.size)).toEqual(Array(EVENTS).fill(1));
    } finally {
      await srv.stop();
      await rcv.close();
    }
  }, 90_000);
});
