import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { runOnce } from '../../support/run-once.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';
import type { WorkflowDefinitionInput } from '../../../shared/graph/workflow-schema.js';

const env = useAppAndReceiver();

type Run = { status: string; steps: { nodeId: string; status: string; output: unknown; error?: { code: string; message: string } }[] };
const step = (run: Run, id: string) => run.steps.find((s) => s.nodeId === id);
/** Whether the step ran (a step on a path not taken is recorded as skipped). */
const ran = (run: Run, id: string) => step(run, id)?.status === 'succeeded';

/** Saves and activates a workflow; returns the path of its trigger URL. */
async function activate(wf: WorkflowDefinitionInput): Promise<string> {
  const h = env.t.app.handler;
  const created = await request(h).post('/api/workflows').set(env.t.auth).send(wf);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return new URL((await request(h).post(`/api/workflows/${created.body.id}/activate`).set(env.t.auth)).body.hooks[0].url).pathname;
}

/** Sends `n` events at once and waits for every run. */
async function burst(path: string, n: number, body: (i: number) => object): Promise<Run[]> {
  const h = env.t.app.handler;
  const sent = await Promise.all(Array.from({ length: n }, (_, i) => request(h).post(path).send(body(i))));
  return Promise.all(sent.map((s) => waitForRun(h, env.t.auth, s.body.runId, 60_000) as Promise<Run>));
}

describe('datastore step', () => {
  it('sets, gets, increments, lists and deletes, per workflow and shared', async () => {
    const wf: WorkflowDefinitionInput = {
      name: 'memory',
      nodes: [
        node('hook', 'webhook'),
        node('set', 'datastore', { operation: 'set', key: 'order:{{ trigger.body.id }}', value: { total: '{{ trigger.body.total }}', tags: ['a'] }, ttlSeconds: 3600 }),
        node('shared', 'datastore', { operation: 'increment', scope: 'project', key: 'orders-seen', by: '{{ trigger.body.n }}' }),
        node('get', 'datastore', { operation: 'get', key: 'order:{{ trigger.body.id }}' }),
        node('missing', 'datastore', { operation: 'get', key: 'nope' }),
        node('list', 'datastore', { operation: 'list', prefix: 'order:' }),
        node('del', 'datastore', { operation: 'delete', key: 'order:{{ trigger.body.id }}' }),
      ],
      edges: [edge('hook', 'set'), edge('set', 'shared'), edge('shared', 'get'), edge('get', 'missing'), edge('missing', 'list'), edge('list', 'del')],
    };
    const run = (await runOnce(env.t, wf, { id: 7, total: 12.5, n: 2 })) as Run;
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    expect(step(run, 'shared')?.output).toEqual({ key: 'orders-seen', value: 2 });
    expect(step(run, 'get')?.output).toMatchObject({ key: 'order:7', found: true, value: { total: 12.5, tags: ['a'] } });
    expect((step(run, 'get')?.output as { expiresAt: number }).expiresAt).toBeGreaterThan(Date.now());
    expect(step(run, 'missing')?.output).toEqual({ key: 'nope', found: false, value: null, expiresAt: null });
    expect(step(run, 'list')?.output).toMatchObject({ items: [{ key: 'order:7', value: { total: 12.5, tags: ['a'] } }], more: false });
    expect(step(run, 'del')?.output).toEqual({ key: 'order:7', deleted: true });
  });

  it('fails the step with a clear error for a value over 64 KB, and stores nothing', async () => {
    const wf: WorkflowDefinitionInput = {
      name: 'too big',
      nodes: [node('hook', 'webhook'), node('set', 'datastore', { operation: 'set', key: 'big', value: '{{ trigger.body.blob }}' })],
      edges: [edge('hook', 'set')],
    };
    const run = (await runOnce(env.t, wf, { blob: 'x'.repeat(70_000) })) as Run;
    expect(run.status).toBe('failed');
    expect(step(run, 'set')?.error).toMatchObject({ code: 'value_too_large' });
    expect(step(run, 'set')?.error?.message).toContain('65536 bytes');
    const listed = await request(env.t.app.handler).get('/api/datastore?prefix=big').set(env.t.auth);
    expect(listed.body.items).toEqual([]);
  });

  it('counts every one of 40 concurrent runs incrementing one key', async () => {
    const path = await activate({
      name: 'counter',
      nodes: [node('hook', 'webhook'), node('inc', 'datastore', { operation: 'increment', scope: 'project', key: 'hits' })],
      edges: [edge('hook', 'inc')],
      settings: { concurrency: 40 },
    });
    const runs = await burst(path, 40, () => ({}));
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    const values = runs.map((r) => (step(r, 'inc')?.output as { value: number }).value).sort((a, b) => a - b);
    expect(values).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });
});

describe('dedupe step', () => {
  it('lets exactly one of 50 concurrent runs with one key through on "new"; the rest take "duplicate"', async () => {
    const path = await activate({
      name: 'dedupe',
      nodes: [
        node('hook', 'webhook'),
        node('once', 'dedupe', { key: '{{ trigger.body.orderId }}', windowHours: 1 }),
        node('new', 'code', { code: 'return "new"' }),
        node('dup', 'code', { code: 'return "dup"' }),
      ],
      edges: [edge('hook', 'once'), edge('once', 'new', 'new'), edge('once', 'dup', 'duplicate')],
      settings: { concurrency: 50 },
    });
    const runs = await burst(path, 50, () => ({ orderId: 'A-1' }));
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    expect(runs.filter((r) => ran(r, 'new'))).toHaveLength(1);
    expect(runs.filter((r) => ran(r, 'dup'))).toHaveLength(49);
    const other = await burst(path, 1, () => ({ orderId: 'B-2' }));
    expect(step(other[0] as Run, 'new')?.output).toBe('new');
  });

  it('stops a duplicate when its handle is not connected, and fails on an empty key', async () => {
    const wf: WorkflowDefinitionInput = {
      name: 'dedupe stop',
      nodes: [node('hook', 'webhook'), node('once', 'dedupe', { key: '{{ trigger.body.id }}' }), node('after', 'code', { code: 'return 1' })],
      edges: [edge('hook', 'once'), edge('once', 'after', 'new')],
    };
    const path = await activate(wf);
    const [first, second, empty] = [...(await burst(path, 1, () => ({ id: 'x' }))), ...(await burst(path, 1, () => ({ id: 'x' }))), ...(await burst(path, 1, () => ({})))];
    expect(ran(first as Run, 'after')).toBe(true);
    expect(second?.status).toBe('succeeded');
    expect(ran(second as Run, 'after')).toBe(false);
    expect(empty?.status).toBe('failed');
    expect(step(empty as Run, 'once')?.error?.code).toBe('invalid_key');
  });
});
