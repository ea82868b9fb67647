import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatedReceiver } from '../../support/gated-receiver.js';
import { startTestApp } from '../../support/test-app.js';
import { hookToHttp } from '../../support/workflows.js';

// WORKER_RUN_DATA_MB bounds the trigger data of the runs executing at once, whatever the slots:
// with 1 MB and events of 200 KB (about 400 KB held each, raw and parsed), two run at a time,
// not 128. A receiver holds every request, so the runs executing are the ones it holds.

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp({ WORKER_RUN_DATA_MB: '1' });
});
afterAll(() => t?.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(ok: () => boolean, ms = 20_000) {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await sleep(20);
}

describe('the run data budget', () => {
  it('claims only the runs whose events fit in it, then the rest as they end, and loses none', async () => {
    const rcv = await startGatedReceiver(['/big']);
    try {
      const h = t.app.handler;
      const created = await request(h)
        .post('/api/workflows')
        .set(t.auth)
        .send(hookToHttp(`${rcv.url}/big`, undefined, 'large events'));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const hook = new URL((await request(h).post(`/api/workflows/${created.body.id}/activate`).set(t.auth)).body.hooks[0].url).pathname;
      const filler = 'x'.repeat(200 * 1024);
      const sent = await Promise.all(Array.from({ length: 8 }, (_, n) => request(h).post(hook).send({ n, filler })));
      expect(sent.map((r) => r.status)).toEqual(Array(8).fill(202));

      await until(() => rcv.count('arrived /big') >= 2);
      // Past the idle poll: whatever else could be claimed would have been.
      await sleep(1_500);
      expect(t.app.workers.activeRuns).toBe(2);
      expect(rcv.count('arrived /big')).toBe(2);
      const metrics = await request(h).get('/metrics').set(t.auth);
      const held = Number(/^switchyard_runs_executing_data_bytes (\S+)$/m.exec(metrics.text)?.[1]);
      expect(held).toBeGreaterThan(800 * 1024);
      expect(held).toBeLessThanOrEqual(1_048_576);

      rcv.release('/big');
      await until(() => rcv.count('answered /big') === 8);
      expect(rcv.count('arrived /big')).toBe(8);
      await until(() => t.app.workers.activeRuns === 0);
      expect(t.app.workers.heldBytes).toBe(0);
    } finally {
      await rcv.close();
    }
  }, 40_000);
});
