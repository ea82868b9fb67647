import type { Server } from 'node:http';
import { storedCount } from '../../support/stored.js';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../../server/http/http-server.js';
import { startReceiver } from '../../support/receiver.js';
import { startTestApp } from '../../support/test-app.js';
import { waitForRun } from '../../support/wait-run.js';
import { hookToHttp, node } from '../../support/workflows.js';
import { count, type TestApp } from './support.js';

let t: TestApp;
let rcv: Awaited<ReturnType<typeof startReceiver>>;
let server: Server;
let base: string;

async function deploy(def: ReturnType<typeof hookToHttp>): Promise<{ id: string; path: string }> {
  const created = await request(t.app.handler).post('/api/workflows').set(t.auth).send(def);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const activated = await request(t.app.handler).post(`/api/workflows/${created.body.id}/activate`).set(t.auth);
  return { id: created.body.id, path: new URL(activated.body.hooks[0].url).pathname };
}

beforeAll(async () => {
  t = await startTestApp();
  rcv = await startReceiver();
  server = createHttpServer(t.app.handler, t.config.ingress);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await rcv.close();
  await t.stop();
});

describe('a flood on one trigger', () => {
  it('gets 429s while another workflow keeps being served and its runs complete', async () => {
    const flooded = hookToHttp(`${rcv.url}/flooded`, { n: '{{ trigger.body.n }}' }, 'flooded');
    flooded.nodes[0] = node('hook', 'webhook', { rateLimit: { requests: 1, per: 'minute', burst: 5 } });
    const a = await deploy(flooded);
    const b = await deploy(hookToHttp(`${rcv.url}/calm`, { n: '{{ trigger.body.n }}' }, 'calm'));

    const FLOOD = 600;
    const CLIENTS = 12;
    const statuses: number[] = [];
    const retryAfter = new Set<string>();
    let next = 0;
    // A bounded closed loop of CLIENTS connections hammering trigger A on 127.0.0.1.
    const flood = Array.from({ length: CLIENTS }, async () => {
      while (next < FLOOD) {
        const n = next++;
        const res = await fetch(`${base}${a.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n }) });
        await res.arrayBuffer();
        statuses.push(res.status);
        if (res.status === 429) retryAfter.add(res.headers.get('retry-after') ?? 'missing');
      }
    });
    // Meanwhile the other workflow's sender posts now and then.
    const calm: Array<{ status: number; runId: string }> = [];
    const served = (async () => {
      for (let n = 0; n < 20; n++) {
        const res = await fetch(`${base}${b.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n }) });
        const body = (await res.json()) as { runId: string };
        calm.push({ status: res.status, runId: body.runId });
      }
    })();
    await Promise.all([...flood, served]);

    const accepted = statuses.filter((s) => s === 202).length;
    expect(statuses).toHaveLength(FLOOD);
    expect(statuses.filter((s) => s !== 202 && s !== 429)).toEqual([]);
    expect(accepted).toBeGreaterThanOrEqual(5);
    expect(accepted).toBeLessThan(10);
    expect([...retryAfter].every((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 60)).toBe(true);
    // Only the accepted requests were stored.
    const stored = await storedCount(t, 'events', 'workflow_id = ?', [a.id]);
    expect(stored).toBe(accepted);

    expect(calm.map((c) => c.status)).toEqual(Array.from({ length: 20 }, () => 202));
    for (const c of calm) expect((await waitForRun(t.app.handler, t.auth, c.runId)).status).toBe('succeeded');
    expect(rcv.got.filter((g) => g.url === '/calm')).toHaveLength(20);

    // The refusals are counted exactly, and the inbox kept a bounded sample without a write per request.
    const page = await request(t.app.handler).get(`/api/workflows/${a.id}/rejections?limit=200`).set(t.auth);
    expect(page.body.triggers.hook.byReason).toEqual({ rate_limited: FLOOD - accepted });
    expect(await count(t, 'trigger_rejected_requests')).toBeLessThanOrEqual(500);
    expect(page.body.items[0]).toMatchObject({ status: 429, reason: 'rate_limited', source: '127.0.0.1' });
  }, 60_000);
});
