import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatedReceiver } from '../../support/gated-receiver.js';
import { startTestApp } from '../../support/test-app.js';
import { hookToHttp } from '../../support/workflows.js';

// The default run slots (WORKER_CONCURRENCY 128, WORKFLOW_CONCURRENCY 64), seen from a receiver
// that holds every request: a run holds its slot while its http step waits, so the requests held
// at once are the runs executing at once. Counts, not times, are asserted.

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
  it('runs 64 runs of one workflow at once, never more, and the rest once slots free', async () => {
    const rcv = await startGatedReceiver(['/one']);
    try {
      await send(await activeWorkflow(`${rcv.url}/one`, 'one busy workflow'), 80);
      await until(() => rcv.count('arrived /one') >= 64);
      // Whatever more could start would have by now: the other 16 wait for a slot.
      await sleep(500);
      expect(rcv.count('arrived /one')).toBe(64);
      rcv.release('/one');
      await until(() => rcv.count('answered /one') === 80);
      expect(rcv.count('arrived /one')).toBe(80);
    } finally {
      await rcv.close();
    }
  }, 40_000);

  it('leaves the worker room for a second busy workflow: 128 runs at once, 64 of each', async () => {
    const [a, b] = await Promise.all([startGatedReceiver(['/a']), startGatedReceiver(['/b'])]);
    try {
      const [hookA, hookB] = [await activeWorkflow(`${a.url}/a`, 'busy a'), await activeWorkflow(`${b.url}/b`, 'busy b')];
      await send(hookA, 70);
      await send(hookB, 70);
      await until(() => a.count('arrived /a') + b.count('arrived /b') >= 128);
      await sleep(500);
      expect([a.count('arrived /a'), b.count('arrived /b')]).toEqual([64, 64]);
      a.release('/a');
      b.release('/b');
      await until(() => a.count('answered /a') + b.count('answered /b') === 140);
      expect([a.count('arrived /a'), b.count('arrived /b')]).toEqual([70, 70]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 40_000);
});
