import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { validateWorkflow } from '../../../shared/graph/validate-workflow.js';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { runOnce as runWorkflowOnce } from '../../support/run-once.js';
import { edge, node } from '../../support/workflows.js';
import type { WorkflowDefinitionInput } from '../../../shared/graph/workflow-schema.js';

const env = useAppAndReceiver();

const runOnce = (wf: WorkflowDefinitionInput, body: unknown) => runWorkflowOnce(env.t, wf, body);
const step = (run: { steps: { nodeId: string }[] }, id: string) => run.steps.find((s) => s.nodeId === id) as Record<string, unknown> & { detail?: unknown };
const got = (path: string) => env.rcv.got.filter((g) => g.url === path).map((g) => JSON.parse(g.body));

describe('loop', () => {
  it('runs its body once per item, then continues on "done" with the results in item order', async () => {
    const wf = {
      name: 'loop basic',
      nodes: [
        node('hook', 'webhook'),
        node('each', 'loop', { items: '{{ trigger.body.lines }}', concurrency: 3 }),
        node('double', 'code', { code: 'return { sku: input.sku, qty: input.qty * 2, index: steps.each.index, total: steps.each.total }' }),
        node('post', 'http', { method: 'POST', url: `${env.rcv.url}/line`, body: { sku: '{{ input.sku }}', qty: '{{ input.qty }}' } }),
        node('summary', 'http', { method: 'POST', url: `${env.rcv.url}/summary`, body: { results: '{{ input }}', order: '{{ trigger.body.order }}' } }),
      ],
      edges: [edge('hook', 'each'), edge('each', 'double', 'item'), edge('double', 'post'), edge('each', 'summary', 'done')],
    };
    const lines = Array.from({ length: 7 }, (_, i) => ({ sku: `S${i}`, qty: i + 1 }));
    const run = await runOnce(wf, { order: 'o-1', lines });
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(
      got('/line')
        .map((b) => b.sku)
        .sort(),
    ).toEqual(lines.map((l) => l.sku).sort());
    expect(got('/line').find((b) => b.sku === 'S3').qty).toBe(8);
    const [summary] = got('/summary');
    expect(summary.order).toBe('o-1');
    // Each item's result is the output of the last step of the body (the http call's output).
    expect(summary.results).toHaveLength(7);
    expect(summary.results.every((r: { status: number }) => r.status === 200)).toBe(true);
    // The top level shows the loop with its counts; the body's steps live in the items' frames.
    expect(run.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual(['hook', 'each', 'summary']);
    const each = step(run, 'each') as { status: string; attempts: { detail: Record<string, number> }[] };
    expect(each.status).toBe('succeeded');
    expect(each.attempts[0]?.detail).toMatchObject({ total: 7, succeeded: 7, failed: 0, dropped: 0 });
    const item3 = (await request(env.t.app.handler).get(`/api/runs/${run.id}?frame=each:3`).set(env.t.auth)).body;
    expect(item3.frame).toBe('each:3');
    expect(step(item3, 'double').output).toEqual({ sku: 'S3', qty: 8, index: 3, total: 7 });
    const items = (await request(env.t.app.handler).get(`/api/runs/${run.id}/loops/each/items?limit=5`).set(env.t.auth)).body;
    expect(items.items.map((i: { index: number }) => i.index)).toEqual([0, 1, 2, 3, 4]);
    expect(items.nextOffset).toBe(5);
  });

  it('sends a different idempotency key for each item', async () => {
    env.rcv.got.length = 0;
    const wf = {
      name: 'loop keys',
      nodes: [node('hook', 'webhook'), node('each', 'loop', { items: '{{ trigger.body }}' }), node('post', 'http', { method: 'POST', url: `${env.rcv.url}/k`, body: { v: '{{ input }}' } })],
      edges: [edge('hook', 'each'), edge('each', 'post', 'item')],
    };
    const run = await runOnce(wf, [1, 2, 3]);
    expect(run.status).toBe('succeeded');
    const keys = env.rcv.got.filter((g) => g.url === '/k').map((g) => g.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(3);
  });

  it('leaves out items a filter stopped, and runs an empty list straight to "done"', async () => {
    const wf = (items: string) => ({
      name: `loop filter ${items}`,
      nodes: [
        node('hook', 'webhook'),
        node('each', 'loop', { items }),
        node('big', 'filter', { combinator: 'and', rules: [{ field: 'input.qty', operator: 'greater_than', value: 5 }] }),
        node('pick', 'code', { code: 'return input.sku' }),
        node('end', 'code', { code: 'return { picked: input }' }),
      ],
      edges: [edge('hook', 'each'), edge('each', 'big', 'item'), edge('big', 'pick'), edge('each', 'end', 'done')],
    });
    const run = await runOnce(wf('{{ trigger.body.lines }}'), {
      lines: [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 9 },
        { sku: 'c', qty: 7 },
      ],
    });
    expect(run.status).toBe('succeeded');
    expect(step(run, 'end').output).toEqual({ picked: ['b', 'c'] });
    expect((step(run, 'each') as { attempts: { detail: Record<string, number> }[] }).attempts[0]?.detail).toMatchObject({ succeeded: 2, dropped: 1 });
    const empty = await runOnce(wf('{{ trigger.body.lines }}'), { lines: [] });
    expect(empty.status).toBe('succeeded');
    expect(step(empty, 'end').output).toEqual({ picked: [] });
  });

  it('fails the run on the first failed item, or collects failures when told to', async () => {
    const wf = (onItemFailure: string) => ({
      name: `loop fail ${onItemFailure}`,
      nodes: [
        node('hook', 'webhook'),
        node('each', 'loop', { items: '{{ trigger.body }}', onItemFailure }),
        node('check', 'code', { code: 'if (input < 0) throw new Error("negative: " + input); return input * 10' }),
        node('end', 'code', { code: 'return input' }),
      ],
      edges: [edge('hook', 'each'), edge('each', 'check', 'item'), edge('each', 'end', 'done')],
    });
    const failed = await runOnce(wf('fail'), [1, -2, 3]);
    expect(failed.status).toBe('failed');
    expect(failed.error.message).toContain('Item 2 of 3 failed');
    expect(failed.error.message).toContain('negative: -2');
    expect(step(failed, 'end').status).toBe('skipped');
    const collected = await runOnce(wf('collect'), [1, -2, 3]);
    expect(collected.status).toBe('succeeded');
    const out = step(collected, 'end').output as unknown[];
    expect(out[0]).toBe(10);
    expect(out[1]).toMatchObject({ error: { code: 'step_failed' } });
    expect(out[2]).toBe(30);
  });

  it('refuses a list that is not one, or too long', async () => {
    const wf = (items: string, maxItems = 10) => ({
      name: 'loop bad',
      nodes: [node('hook', 'webhook'), node('each', 'loop', { items, maxItems }), node('x', 'code', { code: 'return 1' })],
      edges: [edge('hook', 'each'), edge('each', 'x', 'item')],
    });
    const notList = await runOnce(wf('{{ trigger.body.n }}'), { n: 5 });
    expect(notList.status).toBe('failed');
    expect(step(notList, 'each').error).toMatchObject({ code: 'loop_items_not_a_list' });
    const long = await runOnce(wf('{{ trigger.body }}', 2), [1, 2, 3]);
    expect(step(long, 'each').error).toMatchObject({ code: 'loop_too_many_items' });
  });

  it('nests: a loop inside a branch, and a switch inside a loop inside a loop', async () => {
    const wf = {
      name: 'loop nested',
      nodes: [
        node('hook', 'webhook'),
        node('is-order', 'branch', { combinator: 'and', rules: [{ field: 'trigger.body.kind', operator: 'equals', value: 'order' }] }),
        node('orders', 'loop', { items: '{{ trigger.body.orders }}', concurrency: 2 }),
        node('lines', 'loop', { items: '{{ input.lines }}' }),
        node('sw', 'switch', { cases: [{ id: 'big', rules: [{ field: 'input', operator: 'greater_than', value: 10 }] }] }),
        node('big', 'code', { code: 'return "big:" + input' }),
        node('small', 'code', { code: 'return "small:" + input' }),
        node('per-order', 'code', { code: 'return { order: steps.orders.item.id, lines: input }' }),
        node('end', 'code', { code: 'return input' }),
      ],
      edges: [
        edge('hook', 'is-order'),
        edge('is-order', 'orders', 'true'),
        edge('orders', 'lines', 'item'),
        edge('lines', 'sw', 'item'),
        edge('sw', 'big', 'big'),
        edge('sw', 'small', 'fallback'),
        edge('lines', 'per-order', 'done'),
        edge('orders', 'end', 'done'),
      ],
    };
    const run = await runOnce(wf, {
      kind: 'order',
      orders: [
        { id: 'A', lines: [5, 50] },
        { id: 'B', lines: [] },
        { id: 'C', lines: [11] },
      ],
    });
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(step(run, 'end').output).toEqual([
      { order: 'A', lines: ['small:5', 'big:50'] },
      { order: 'B', lines: [] },
      { order: 'C', lines: ['big:11'] },
    ]);
    const inner = (await request(env.t.app.handler).get(`/api/runs/${run.id}?frame=orders:0/lines:1`).set(env.t.auth)).body;
    expect(step(inner, 'big').output).toBe('big:50');
    const other = await runOnce(wf, { kind: 'refund' });
    expect(other.status).toBe('succeeded');
    expect(step(other, 'orders').status).toBe('skipped');
  });

  it('refuses edges that cross a loop boundary when the workflow is saved', () => {
    const wf = {
      name: 'crossing',
      nodes: [node('hook', 'webhook'), node('each', 'loop'), node('in', 'code', { code: 'return 1' }), node('after', 'code', { code: 'return 2' })],
      edges: [edge('hook', 'each'), edge('each', 'in', 'item'), edge('in', 'after'), edge('each', 'after', 'done')],
    };
    const result = validateWorkflow(wf);
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.message).join('\n')).toContain('crosses the boundary of loop "each"');
  });
});
