import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { createActiveWorkflow, startCluster, until, type Cluster } from '../../support/cluster.js';
import { edge, node } from '../../support/workflows.js';

// Per-process state made to work across processes: the web process holds requests and takes
// API calls; the worker process executes. Each test fails if its notice does not cross.
let cluster: Cluster;
let web: Awaited<ReturnType<Cluster['start']>>;
let auth: Record<string, string>;
beforeAll(async () => {
  cluster = await startCluster();
  web = await cluster.start('web', 'web,scheduler');
  await cluster.start('worker', 'worker');
  const key = (await cluster.cli(['api-key', 'create', '--name', 'scale'])).trim().split('\n').pop() as string;
  auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
}, 40_000);
afterAll(() => cluster?.stop());

const api = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(`${web.base}${path}`, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
};

describe('per-process state across a web and a worker process', () => {
  it('a Respond step executed by the worker answers the request the web process holds', async () => {
    const wf = await createActiveWorkflow(web.base as string, auth.authorization?.slice(7) as string, {
      name: 'answer across',
      nodes: [
        node('hook', 'webhook', { respond: 'respond-step', respondTimeoutMs: 15000 }),
        node('reply', 'respond', { status: 201, headers: { 'x-order': '{{ trigger.body.id }}' }, body: { received: '{{ trigger.body.id }}' } }),
      ],
      edges: [edge('hook', 'reply')],
    });
    const res = await fetch(wf.hook as string, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'A-1' }) });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-order')).toBe('A-1');
    expect(await res.json()).toEqual({ received: 'A-1' });
  }, 30_000);

  it('cancelling through the web process aborts the step the worker is executing', async () => {
    const rcv = await startReceiver(() => 'hang');
    const wf = await createActiveWorkflow(web.base as string, auth.authorization?.slice(7) as string, {
      name: 'cancel across',
      nodes: [node('hook', 'webhook'), node('out', 'http', { method: 'POST', url: `${rcv.url}/slow`, timeoutMs: 60000 }, 250)],
      edges: [edge('hook', 'out')],
    });
    const ack = await fetch(wf.hook as string, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const { runId } = (await ack.json()) as { runId: string };
    expect(await until(() => rcv.got.length === 1, 20_000)).toBe(true);
    expect((await api(`/api/runs/${runId}/cancel`, { method: 'POST' })).status).toBe(200);
    // The worker aborts the hanging request (the step would otherwise wait its 60 s) and the job ends cancelled.
    expect(await until(async () => (await cluster.sql<{ status: string }>('SELECT status FROM jobs WHERE run_id = $1', [runId]))[0]?.status === 'cancelled', 15_000)).toBe(true);
    expect((await api(`/api/runs/${runId}`)).body.status).toBe('cancelled');
    await rcv.close();
  }, 40_000);

  it('a credential saved through the web process is redacted by the worker at once', async () => {
    const secret = 'sk-live-0123456789abcdef-cross';
    const cred = await api('/api/credentials', { method: 'POST', body: JSON.stringify({ name: 'api', type: 'http-bearer', data: { token: secret } }) });
    expect(cred.status).toBe(201);
    const rcv = await startReceiver(() => ({ status: 200, body: JSON.stringify({ echoed: secret }) }));
    const wf = await createActiveWorkflow(web.base as string, auth.authorization?.slice(7) as string, {
      name: 'redact across',
      nodes: [node('hook', 'webhook'), node('out', 'http', { method: 'POST', url: `${rcv.url}/echo`, body: { token: secret } }, 250)],
      edges: [edge('hook', 'out')],
    });
    const ack = await fetch(wf.hook as string, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const { runId } = (await ack.json()) as { runId: string };
    expect(await until(async () => (await api(`/api/runs/${runId}`)).body.status === 'succeeded', 20_000)).toBe(true);
    const stored = JSON.stringify(await cluster.sql('SELECT input, output FROM steps WHERE run_id = $1', [runId]));
    expect(rcv.got).toHaveLength(1);
    expect(stored).not.toContain(secret);
    await rcv.close();
  }, 40_000);
});
