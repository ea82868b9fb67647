import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { startTestApp } from '../../support/test-app.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';
import { truncatedPayload } from '../../../server/store/sqlite/step-truncation.js';

let t: Awaited<ReturnType<typeof startTestApp>>;
let rcv: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  t = await startTestApp({ STEP_PAYLOAD_MAX_BYTES: '4096' });
  rcv = await startReceiver();
});
afterAll(async () => {
  await t.stop();
  await rcv.close();
});

/** Polls a run's detail until `done` holds for it. */
async function until(runId: string, done: (run: { steps: Array<Record<string, unknown>> }) => boolean) {
  for (let i = 0; i < 200; i++) {
    const res = await request(t.app.handler).get(`/api/runs/${runId}`).set(t.auth);
    if (done(res.body)) return res.body;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('run never reached the expected state');
}

describe('large step payloads', () => {
  it('are stored as a truncated preview once the run has finished; the steps after it and a replay still get everything', async () => {
    const def = {
      name: 'big payload',
      nodes: [
        node('hook', 'webhook'),
        node('shape', 'code', { code: 'return { big: "x".repeat(20000), n: trigger.body.n }' }, 250),
        node('out', 'http', { method: 'POST', url: `${rcv.url}/in`, headers: { 'content-type': 'application/json' }, body: { n: '{{ steps.shape.n }}', size: '{{ steps.shape.big.length }}' } }, 500),
      ],
      edges: [edge('hook', 'shape'), edge('shape', 'out')],
    };
    const created = await request(t.app.handler).post('/api/workflows').set(t.auth).send(def);
    const active = await request(t.app.handler).post(`/api/workflows/${created.body.id}/activate`).set(t.auth);
    const hook = new URL(active.body.hooks[0].url).pathname;
    const smallBody = { n: 7, note: 'small' };
    const runId = (await request(t.app.handler).post(hook).send(smallBody)).body.runId as string;
    expect((await waitForRun(t.app.handler, t.auth, runId)).status).toBe('succeeded');
    expect(JSON.parse(rcv.got[0]?.body ?? '{}')).toEqual({ n: 7, size: 20000 });

    const detail = await until(runId, (r) => r.steps.some((s) => s.nodeId === 'shape' && (s.output as { truncated?: boolean } | null)?.truncated === true));
    const shape = detail.steps.find((s: Record<string, unknown>) => s.nodeId === 'shape');
    const original = JSON.stringify({ big: 'x'.repeat(20000), n: 7 });
    expect(shape.output).toEqual(truncatedPayload(original, 1024));
    expect(shape.output.bytes).toBe(Buffer.byteLength(original));
    expect(shape.output.preview.startsWith('{"big":"xxxx')).toBe(true);
    const out = detail.steps.find((s: Record<string, unknown>) => s.nodeId === 'out');
    expect(out.input).toMatchObject({ truncated: true });
    // Small values are untouched.
    expect(out.output).toMatchObject({ status: 200 });
    expect(shape.input).toMatchObject({ body: smallBody });

    const replay = await request(t.app.handler).post(`/api/runs/${runId}/replay`).set(t.auth);
    expect(replay.status).toBe(202);
    expect((await waitForRun(t.app.handler, t.auth, replay.body.runId)).status).toBe('succeeded');
    expect(JSON.parse(rcv.got[1]?.body ?? '{}')).toEqual({ n: 7, size: 20000 });
  });
});
