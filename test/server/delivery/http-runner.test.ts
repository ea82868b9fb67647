import { afterEach, describe, expect, it } from 'vitest';
import { httpConfigSchema, type HttpConfig } from '../../../shared/nodes/http.node.js';
import { createHttpRunner } from '../../../server/runners/http.runner.js';
import { createPathExpressionEvaluator } from '../../support/path-expression-evaluator.js';
import type { StepContext } from '../../../server/runners/runner.js';
import { startReceiver, testDelivery } from './support.js';
import type { StepScope } from '../../../server/engine/step-types.js';

const cleanup: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.close();
});

const evaluator = createPathExpressionEvaluator();
function ctxFor(d: ReturnType<typeof testDelivery>, scope: Partial<StepScope> = {}, over: Partial<StepContext> = {}): StepContext {
  const full: StepScope = { trigger: { body: { id: 'ord_1', amount: 12 }, headers: {}, query: {}, method: 'POST' }, input: null, steps: {}, ...scope };
  return {
    runId: 'run_1',
    workflowId: 'wf_1',
    nodeId: 'out',
    attempt: 1,
    scope: full,
    idempotencyKey: 'sy_run1out',
    clock: d.clock,
    signal: new AbortController().signal,
    render: (v) => evaluator.render(v, full),
    incoming: [],
    replyToTrigger: () => undefined,
    ...over,
  };
}
const config = (c: Partial<HttpConfig> & { url: string }): HttpConfig => httpConfigSchema.parse(c);

describe('http runner', () => {
  it('renders templates once, sends JSON with the idempotency key, and outputs status, headers and body', async () => {
    const r = await startReceiver((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"received":true}');
    });
    cleanup.push(r);
    const d = testDelivery();
    cleanup.push(d);
    const runner = createHttpRunner({ deliverer: d.deliverer });
    const out = await runner.run(
      config({ url: `${r.url}/orders/{{ trigger.body.id }}`, headers: { 'x-amount': '{{ trigger.body.amount }}' }, body: { id: '{{ trigger.body.id }}', n: '{{ trigger.body.amount }}' } }),
      ctxFor(d),
    );
    expect(out).toMatchObject({ kind: 'succeeded', output: { status: 200, body: { received: true } }, detail: { request: { url: `${r.url}/orders/ord_1` } } });
    expect(r.got[0]).toMatchObject({ url: '/orders/ord_1', headers: { 'x-amount': '12', 'content-type': 'application/json', 'idempotency-key': 'sy_run1out', 'webhook-id': 'sy_run1out' } });
    expect(JSON.parse(r.got[0]?.body.toString() ?? '')).toEqual({ id: 'ord_1', n: 12 });
  });

  it('sends no body with GET, and a string body as it is', async () => {
    const r = await startReceiver((_q, res) => res.end());
    cleanup.push(r);
    const d = testDelivery();
    cleanup.push(d);
    const runner = createHttpRunner({ deliverer: d.deliverer });
    await runner.run(config({ method: 'GET', url: r.url, body: { ignored: true } }), ctxFor(d));
    await runner.run(config({ url: r.url, headers: { 'content-type': 'text/plain' }, body: 'id={{ trigger.body.id }}' }), ctxFor(d));
    expect(r.got.map((g) => [g.method, g.body.toString()])).toEqual([
      ['GET', ''],
      ['POST', 'id=ord_1'],
    ]);
  });

  it('fails with a classified error and a detail a person can read', async () => {
    const r = await startReceiver((_q, res) => {
      res.writeHead(503, { 'retry-after': '30' });
      res.end('{"err":"busy"}');
    });
    cleanup.push(r);
    const d = testDelivery();
    cleanup.push(d);
    const out = await createHttpRunner({ deliverer: d.deliverer }).run(config({ url: r.url }), ctxFor(d));
    expect(out).toMatchObject({
      kind: 'failed',
      error: { code: 'http_server_error', status: 503, retryable: true, retryAfterMs: 30_000 },
      detail: { request: { method: 'POST' }, response: { status: 503, body: '{"err":"busy"}' }, timing: { startedAt: d.clock.now() } },
    });
  });

  it('refuses an SSRF target with an error that says so, and a URL that renders to nothing', async () => {
    const d = testDelivery({ egressAllow: '' });
    cleanup.push(d);
    const runner = createHttpRunner({ deliverer: d.deliverer });
    const literal = await runner.run(config({ url: 'http://[::ffff:127.0.0.1]:9/{{ trigger.body.id }}' }), ctxFor(d));
    expect(literal).toMatchObject({ kind: 'failed', error: { code: 'egress_blocked', retryable: false, message: expect.stringMatching(/blocked/) } });
    const empty = await runner.run(config({ url: '{{ trigger.body.missing }}' }), ctxFor(d));
    expect(empty).toMatchObject({ kind: 'failed', error: { code: 'invalid_url', retryable: false } });
  });

  it('defers instead of failing when the endpoint is rate limited', async () => {
    const r = await startReceiver((_q, res) => res.end());
    cleanup.push(r);
    const d = testDelivery();
    cleanup.push(d);
    const runner = createHttpRunner({ deliverer: d.deliverer });
    const c = config({ url: r.url, rateLimit: { perSecond: 1, burst: 1 } });
    expect((await runner.run(c, ctxFor(d, {}, { runId: 'a' }))).kind).toBe('succeeded');
    expect(await runner.run(c, ctxFor(d, {}, { runId: 'b' }))).toMatchObject({ kind: 'deferred', until: d.clock.now() + 1_000 });
  });

  it('signs with the credential the step names, and fails clearly when it is missing', async () => {
    const r = await startReceiver((_q, res) => res.end());
    cleanup.push(r);
    const d = testDelivery();
    cleanup.push(d);
    const secrets: Record<string, string> = { cred_1: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' };
    const runner = createHttpRunner({ deliverer: d.deliverer, resolveSigningSecret: async (id) => secrets[id] ?? null });
    expect((await runner.run(config({ url: r.url, signing: { scheme: 'standard-webhooks', credentialId: 'cred_1' } }), ctxFor(d))).kind).toBe('succeeded');
    expect(r.got[0]?.headers['webhook-signature']).toMatch(/^v1,/);
    const missing = await runner.run(config({ url: r.url, signing: { scheme: 'standard-webhooks', credentialId: 'nope' } }), ctxFor(d));
    expect(missing).toMatchObject({ kind: 'failed', error: { code: 'signing_unavailable', retryable: false } });
    expect(r.got).toHaveLength(1);
  });
});
