import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatedReceiver } from '../../support/gated-receiver.js';
import { startTestApp } from '../../support/test-app.js';
import { hookToHttp } from '../../support/workflows.js';

// The default run slots (WORKER_CONCURRENCY 256, WORKFLOW_CONCURRENCY 128), with a receiver that
// holds every request: a run holds its slot while its http step waits. The worker's count of the
// runs it executes is read, since one origin gets at most 64 connections (the rest of the runs
// wait for one inside the client). Counts, not times, are asserted.

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `ok()` holds, for at most `ms`. */
async function until(ok: () => boolean, ms = 20_000) {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await sleep(20);
}

/** An active webhook -> http workflow posting to `url`; returns its trigger path. */
async function activeWorkflow(url: string, name: string): Promise<string> {
  const h = t.app.handler;
  const created = await request(h)
    .post('/api/workflows')
    .set(t.auth)
    .send(hookToHttp(url, undefined, name));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return new URL((await request(h).post(`/api/workflows/${created.body.id}/activate`).set(t.auth)).body.hooks[0].url).pathname;
}

async function send(hook: string, events: number) {
  for (let n = 0; n < events; n += 20) {
    const sent = await Promise.all(
      Array.from({ length: Math.min(20, events - n) }, (_, i) =>
        request(t.app.handler)
          .post(hook)
          .send({ n: n + i }),
      ),
    );
    for (const res of sent) expect(res.status).toBe(202);
  }
}

describe('run slots by default', () => {
  const executing = () => t.app.workers.activeRuns;

  it('runs 128 runs of one workflow at once, never more, and the rest once slots free', async () => {
    const rcv = await startGatedReceiver(['/one']);
    try {
      await send(await activeWorkflow(`${rcv.url}/one`, 'one busy workflow'), 140);
      await until(() => executing() >= 128 && rcv.count('arrived /one') >= 64);
      // Whatever more could start would have by now: the other 12 wait for a slot.
      await sleep(500);
      expect(executing()).toBe(128);
      expect(rcv.count('arrived /one')).toBe(64);
      rcv.release('/one');
      await until(() => rcv.count('answered /one') === 140);
      expect(rcv.count('arrived /one')).toBe(140);
    } finally {
      await rcv.close();
    }
  }, 40_000);

  it('leaves the worker room for a second busy workflow: 256 runs at once, 128 of each', async () => {
    const [a, b] = await Promise.all([startGatedReceiver(['/a']), startGatedReceiver(['/b'])]);
    try {
      const [hookA, hookB] = [await activeWorkflow(`${a.url}/a`, 'busy a'), await activeWorkflow(`${b.url}/b`, 'busy b')];
      await send(hookA, 135);
      await until(() => executing() >= 128);
      await send(hookB, 135);
      await until(() => executing() >= 256 && a.count('arrived /a') + b.count('arrived /b') >= 128);
      await sleep(500);
      expect(executing()).toBe(256);
      // Each workflow got its 128: the second found room beside the first.
      expect([a.count('arrived /a'), b.count('arrived /b')]).toEqual([64, 64]);
      a.release('/a');
      b.release('/b');
      await until(() => a.count('answered /a') + b.count('answered /b') === 270);
      expect([a.count('arrived /a'), b.count('arrived /b')]).toEqual([135, 135]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 40_000);
});
