import { readFileSync } from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, hookToHttp, node } from '../../support/workflows.js';
import { has, parseProm, valueOf } from './prom-text.js';

const env = useAppAndReceiver((r) => (r.url.includes('fail') ? { status: 500 } : { status: 200 }));
const scrape = async () => {
  const res = await request(env.t.app.handler).get('/metrics');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  return parseProm(res.text);
};

async function activeHook(def: ReturnType<typeof hookToHttp>) {
  const created = await request(env.t.app.handler).post('/api/workflows').set(env.t.auth).send(def);
  expect(created.status).toBe(201);
  const active = await request(env.t.app.handler).post(`/api/workflows/${created.body.id}/activate`).set(env.t.auth);
  return { id: created.body.id as string, path: new URL(active.body.hooks[0].url).pathname };
}

describe('/metrics', () => {
  it('exposes every documented metric name with its labels before any traffic', async () => {
    const s = await scrape();
    for (const name of [
      'switchyard_up',
      'switchyard_queue_jobs',
      'switchyard_queue_due_jobs',
      'switchyard_queue_oldest_due_age_seconds',
      'switchyard_runs',
      'switchyard_runs_executing',
      'switchyard_runs_executing_data_bytes',
      'switchyard_endpoints',
      'switchyard_circuit_breakers_open',
      'switchyard_sandbox_processes',
      'switchyard_sandbox_busy',
      'switchyard_sandbox_queued_calls',
      'switchyard_sandbox_restarts_total',
      'switchyard_db_size_bytes',
      'switchyard_db_wal_size_bytes',
      'switchyard_db_free_bytes',
      'switchyard_events_accepted_total',
      'switchyard_events_duplicate_total',
      'switchyard_retention_deleted_runs_total',
      'process_resident_memory_bytes',
    ])
      expect(has(s, name), name).toBe(true);
    expect(has(s, 'switchyard_queue_jobs', { status: 'retry_wait' })).toBe(true);
    expect(has(s, 'switchyard_runs', { status: 'waiting' })).toBe(true);
    // The pool starts its processes on the first code step or expression.
    expect(valueOf(s, 'switchyard_sandbox_processes')).toBe(0);
    expect(valueOf(s, 'switchyard_db_size_bytes')).toBeGreaterThan(0);
  });

  it('moves with real traffic: requests by route pattern, events accepted and rejected, runs, steps and deliveries', async () => {
    const before = await scrape();
    const ok = await activeHook(hookToHttp(`${env.rcv.url}/ok`));
    const failing = await activeHook({
      ...hookToHttp(`${env.rcv.url}/fail`, { n: 1 }, 'failing'),
      nodes: [node('hook', 'webhook'), { ...node('out', 'http', { method: 'POST', url: `${env.rcv.url}/fail`, retry: { attempts: 1 } }, 250) }],
      edges: [edge('hook', 'out')],
    });
    const runs: string[] = [];
    for (let n = 0; n < 3; n++) runs.push((await request(env.t.app.handler).post(ok.path).send({ n })).body.runId);
    runs.push((await request(env.t.app.handler).post(failing.path).send({ n: 9 })).body.runId);
    const dup = await request(env.t.app.handler).post(ok.path).set('idempotency-key', 'k1').send({ n: 1 });
    await request(env.t.app.handler).post(ok.path).set('idempotency-key', 'k1').send({ n: 1 });
    runs.push(dup.body.runId);
    expect((await request(env.t.app.handler).post('/hooks/not-a-real-token-at-all').send({})).status).toBe(404);
    expect((await request(env.t.app.handler).post(ok.path).set('content-type', 'application/json').send('{broken')).status).toBe(400);
    for (const id of runs) expect(['succeeded', 'failed']).toContain((await waitForRun(env.t.app.handler, env.t.auth, id)).status);
    await request(env.t.app.handler).get(`/api/workflows/${ok.id}`).set(env.t.auth);
    await request(env.t.app.handler).get(`/api/runs/${runs[0]}`).set(env.t.auth);
    await request(env.t.app.handler).get('/api/queue').set(env.t.auth);

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('switchyard_events_accepted_total')).toBe(5);
    expect(delta('switchyard_events_duplicate_total')).toBe(1);
    expect(delta('switchyard_events_rejected_total', { reason: 'unknown_trigger' })).toBe(1);
    expect(delta('switchyard_events_rejected_total', { reason: 'malformed' })).toBe(1);
    expect(delta('switchyard_runs_finished_total', { status: 'succeeded' })).toBe(4);
    expect(delta('switchyard_runs_finished_total', { status: 'failed' })).toBe(1);
    expect(delta('switchyard_step_duration_seconds_count', { node_type: 'http', status: 'succeeded' })).toBe(4);
    expect(delta('switchyard_step_duration_seconds_count', { node_type: 'http', status: 'failed' })).toBe(1);
    expect(delta('switchyard_delivery_attempts_total', { outcome: 'delivered', code: '' })).toBe(4);
    expect(delta('switchyard_delivery_attempts_total', { outcome: 'failed', code: 'http_server_error' })).toBe(1);
    // Route patterns, never raw paths: one label value for every trigger URL and every run id.
    expect(delta('switchyard_http_requests_total', { route: '/hooks/:token', method: 'POST', status: '202' })).toBe(5);
    expect(delta('switchyard_http_requests_total', { route: '/hooks/:token', method: 'POST', status: '404' })).toBe(1);
    expect(delta('switchyard_http_requests_total', { route: '/api/workflows/:id', method: 'GET', status: '200' })).toBe(1);
    expect(delta('switchyard_http_requests_total', { route: '/api/queue', method: 'GET', status: '200' })).toBe(1);
    expect(delta('switchyard_http_requests_total', { route: '/api/runs/:id', method: 'GET', status: '200' })).toBeGreaterThanOrEqual(6);
    expect(after.some((s) => s.labels.route?.includes(ok.id) || s.labels.route?.includes(runs[0] as string))).toBe(false);
    expect(valueOf(after, 'switchyard_endpoints', { state: 'healthy' })).toBeGreaterThanOrEqual(1);
  });

  it('requires the metrics token when METRICS_TOKEN is set', async () => {
    const { startTestApp } = await import('../../support/test-app.js');
    const t = await startTestApp({ METRICS_TOKEN: 'scrape-me' });
    try {
      const denied = await request(t.app.handler).get('/metrics');
      expect(denied.status).toBe(401);
      expect(denied.body.error.code).toBe('UNAUTHORIZED');
      expect((await request(t.app.handler).get('/metrics').set('authorization', 'Bearer wrong-one')).status).toBe(401);
      const allowed = await request(t.app.handler).get('/metrics').set('authorization', 'Bearer scrape-me');
      expect(allowed.status).toBe(200);
      expect(allowed.text).toContain('switchyard_up 1');
    } finally {
      await t.stop();
    }
  });
  it('matches docs/operations.md and the sample Grafana dashboard name for name', async () => {
    const text = (await request(env.t.app.handler).get('/metrics')).text;
    // Every metric has a TYPE line, with or without samples yet.
    const exposed = new Set([...text.matchAll(/^# TYPE (switchyard_[a-z_]+) /gm)].map((m) => m[1] as string));
    const docs = readFileSync(new URL('../../../docs/operations.md', import.meta.url), 'utf8');
    const documented = new Set([...docs.matchAll(/`(switchyard_[a-z_]+)`/g)].map((m) => m[1] as string));
    expect([...exposed].sort()).toEqual([...documented].sort());
    const dashboard = readFileSync(new URL('../../../docs/grafana-dashboard.json', import.meta.url), 'utf8');
    const used = new Set([...dashboard.matchAll(/(switchyard_[a-z_]+)/g)].map((m) => (m[1] as string).replace(/_(bucket|count|sum)$/, '')));
    for (const name of used) expect(exposed.has(name), name).toBe(true);
  });
});
