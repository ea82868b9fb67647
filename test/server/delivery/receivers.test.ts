import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { Webhook } from 'standardwebhooks';
import { createManualClock } from '../../../server/lib/clock.js';
import { decideRetry, retryPolicyFor } from '../../../server/engine/retry-policy.js';
import type { DeliveryOutcome } from '../../../server/delivery/deliver.js';
import { req, startReceiver, testDelivery, type Receiver } from './support.js';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});
async function receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const r = await startReceiver(...args);
  open.push(r);
  return r;
}
function delivery(over: Parameters<typeof testDelivery>[0] = {}) {
  const d = testDelivery(over);
  open.push(d);
  return d;
}
const failed = (out: DeliveryOutcome) => {
  if (out.kind !== 'failed') throw new Error(`expected a failure, got ${out.kind}: ${JSON.stringify(out).slice(0, 300)}`);
  return out;
};
const mid = () => 0.5;

describe('delivery against real receivers on 127.0.0.1', () => {
  it('delivers a 2xx, parses a JSON answer, and sends a stable Idempotency-Key and webhook-id', async () => {
    const r = await receiver((_q, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{"id":42}');
    });
    const d = delivery();
    const out = await d.deliverer.deliver(req(`${r.url}/hook?x=1`, { idempotencyKey: 'sy_abc', headers: { authorization: 'Bearer s3cret' } }));
    expect(out).toMatchObject({ kind: 'delivered', output: { status: 201, body: { id: 42 }, headers: { 'content-type': 'application/json' } } });
    expect(r.got[0]).toMatchObject({ method: 'POST', url: '/hook?x=1', headers: { 'idempotency-key': 'sy_abc', 'webhook-id': 'sy_abc', authorization: 'Bearer s3cret' } });
    expect(r.got[0]?.body.toString()).toBe('{"hello":"world"}');
    // The attempt record shows the request, but never the credential.
    expect(out.detail).toMatchObject({ request: { method: 'POST', headers: { authorization: '[redacted]' }, bodyBytes: 17 }, response: { status: 201 } });
    expect(JSON.stringify(out.detail)).not.toContain('s3cret');
  });

  it('a 500 is retryable and its capped body is kept on the attempt', async () => {
    const r = await receiver((_q, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('database on fire'.repeat(2000));
    });
    const out = failed(await delivery().deliverer.deliver(req(r.url)));
    expect(out.error).toMatchObject({ code: 'http_server_error', status: 500, retryable: true });
    const body = (out.detail.response as { body: string }).body;
    expect(body.startsWith('database on fire')).toBe(true);
    expect(body.length).toBeLessThan(17_000);
  });

  it('a 503 with Retry-After (seconds or a date) is retried no sooner than asked, within bounds', async () => {
    const d = delivery();
    const asDate = new Date(d.clock.now() + 400_000).toUTCString();
    let n = 0;
    const r = await receiver((_q, res) => {
      res.writeHead(503, { 'retry-after': ++n === 1 ? '8' : asDate });
      res.end();
    });
    const first = failed(await d.deliverer.deliver(req(r.url)));
    expect(first.error).toMatchObject({ code: 'http_server_error', status: 503, retryable: true, retryAfterMs: 8_000 });
    expect(decideRetry(retryPolicyFor('http', {}), 1, first.error, mid)).toMatchObject({ retry: true, delayMs: 8_000 });
    const second = failed(await d.deliverer.deliver(req(r.url)));
    expect(second.error.retryAfterMs).toBe(400_000);
    // Attempt 2's scheduled delay is 5 min: 400 s is within 1-2x, so it is honoured.
    expect(decideRetry(retryPolicyFor('http', {}), 2, second.error, mid)).toMatchObject({ retry: true, delayMs: 400_000 });
  });

  it('a 429 waits at least 60 s', async () => {
    const r = await receiver((_q, res) => {
      res.writeHead(429, { 'retry-after': '1' });
      res.end();
    });
    const out = failed(await delivery().deliverer.deliver(req(r.url)));
    expect(out.error).toMatchObject({ code: 'rate_limited', status: 429, retryable: true });
    expect(decideRetry(retryPolicyFor('http', {}), 1, out.error, mid)).toMatchObject({ retry: true, delayMs: 60_000 });
  });

  it('other 4xx are retried but flagged likely permanent', async () => {
    const r = await receiver((_q, res) => {
      res.writeHead(404);
      res.end('no such hook');
    });
    const out = failed(await delivery().deliverer.deliver(req(r.url)));
    expect(out.error).toMatchObject({ code: 'http_client_error', status: 404, retryable: true, likelyPermanent: true });
    expect(out.error.message).toMatch(/likely permanent/);
  });

  it('a 410 fails for good and disables the endpoint until a person re-enables it', async () => {
    let gone = true;
    const r = await receiver((_q, res) => {
      res.writeHead(gone ? 410 : 200);
      res.end();
    });
    const d = delivery();
    const out = failed(await d.deliverer.deliver(req(r.url)));
    expect(out.error).toMatchObject({ code: 'endpoint_gone', status: 410, retryable: false });
    expect(decideRetry(retryPolicyFor('http', {}), 1, out.error, mid).retry).toBe(false);
    gone = false;
    const blocked = failed(await d.deliverer.deliver(req(`${r.url}/other-path`)));
    expect(blocked.error).toMatchObject({ code: 'endpoint_disabled', retryable: false });
    expect(r.got).toHaveLength(1);
    const [ep] = d.endpoints.list();
    expect(ep).toMatchObject({ origin: r.url, state: 'disabled', lastStatus: 410 });
    d.endpoints.enable(ep?.id ?? '');
    expect((await d.deliverer.deliver(req(r.url))).kind).toBe('delivered');
  });

  it('a receiver that hangs times out (retryable, 60 s floor)', async () => {
    const r = await receiver(() => undefined);
    const out = failed(await delivery().deliverer.deliver(req(r.url, { timeoutMs: 300 })));
    expect(out.error).toMatchObject({ code: 'timeout', retryable: true });
    expect(decideRetry(retryPolicyFor('http', {}), 1, out.error, mid)).toMatchObject({ delayMs: 60_000 });
  });

  it("a cancel through the caller's signal stops a request in flight, and the receiver sees the connection close", async () => {
    let closed!: () => void;
    const receiverSawClose = new Promise<void>((resolve) => (closed = resolve));
    const r = await receiver((q) => q.socket.once('close', closed));
    const cancel = new AbortController();
    const sent = delivery().deliverer.deliver(req(r.url, { timeoutMs: 30_000, signal: cancel.signal }));
    while (!r.got.length) await new Promise((resolve) => setTimeout(resolve, 5));
    cancel.abort(new Error('run cancelled'));
    const out = failed(await sent);
    expect(out.error).toMatchObject({ code: 'cancelled', retryable: true });
    await receiverSawClose;
  });

  it('a cancel told before the request starts sends nothing', async () => {
    const r = await receiver((_q, res) => res.end('ok'));
    const out = failed(await delivery().deliverer.deliver(req(r.url, { signal: AbortSignal.abort(new Error('already cancelled')) })));
    expect(out.error).toMatchObject({ code: 'cancelled' });
    expect(r.got).toHaveLength(0);
  });

  it('a reset connection is retryable', async () => {
    const r = await receiver((q) => q.socket.destroy());
    const out = failed(await delivery().deliverer.deliver(req(r.url)));
    expect(out.error).toMatchObject({ code: 'connection_reset', retryable: true });
  });

  it('a refused connection is retryable', async () => {
    const r = await startReceiver(() => undefined);
    await r.close(); // the port is free now: nothing listens
    const out = failed(await delivery().deliverer.deliver(req(r.url)));
    expect(out.error).toMatchObject({ code: 'connection_refused', retryable: true });
  });

  it('a redirect is a failure unless followRedirects is on, and hops are capped', async () => {
    const r = await receiver((q, res) => {
      const hop = Number(/\/hop(\d+)/.exec(q.url ?? '')?.[1] ?? '0');
      if (hop >= 2 && q.url?.includes('end')) return void res.end('{"done":true}');
      res.writeHead(hop === 0 ? 303 : 307, { location: hop >= 1 ? `/hop${hop + 1}-end` : `/hop${hop + 1}` });
      res.end();
    });
    const d = delivery();
    const notFollowed = failed(await d.deliverer.deliver(req(`${r.url}/start`)));
    expect(notFollowed.error).toMatchObject({ code: 'redirect_not_followed', status: 303, retryable: true, likelyPermanent: true, location: '/hop1' });
    const followed = await d.deliverer.deliver(req(`${r.url}/start`, { followRedirects: true }));
    expect(followed).toMatchObject({ kind: 'delivered', output: { body: { done: true } } });
    expect(followed.detail.redirects).toHaveLength(2);
    // 303 turns the POST into a GET without a body; 307 keeps the method.
    expect(r.got.slice(-3).map((g) => `${g.method} ${g.url}`)).toEqual(['POST /start', 'GET /hop1', 'GET /hop2-end']);
    const capped = failed(await d.deliverer.deliver(req(`${r.url}/start`, { followRedirects: true, maxRedirects: 1 })));
    expect(capped.error).toMatchObject({ code: 'too_many_redirects' });
  });

  it('a huge body is cut at the limit and the rest is never read', async () => {
    const total = 64 * 1024 * 1024;
    let written = 0;
    let closedEarly = false;
    const r = await receiver((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = (): void => {
        while (written < total) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => {
        closedEarly = written < total || !res.writableFinished;
      });
      pump();
    });
    const out = await delivery().deliverer.deliver(req(r.url, { responseLimitBytes: 10_000 }));
    expect(out).toMatchObject({ kind: 'delivered', output: { status: 200, truncated: true } });
    if (out.kind === 'delivered') expect(out.output.body).toBe('a'.repeat(10_000));
    await new Promise((res) => setTimeout(res, 50));
    expect(closedEarly).toBe(true);
    expect(written).toBeLessThan(total);
  });

  it('a gzip bomb is decoded only up to the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024)); // 50 MiB of zeros in ~50 KB
    const r = await receiver((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    const out = await delivery().deliverer.deliver(req(r.url, { responseLimitBytes: 32 * 1024 }));
    expect(out).toMatchObject({ kind: 'delivered', output: { truncated: true } });
    if (out.kind === 'delivered') expect((out.output.body as string).length).toBe(32 * 1024);
  });

  it('an honest gzip answer is decoded and parsed', async () => {
    const r = await receiver((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync('{"zipped":true}'));
    });
    expect(await delivery().deliverer.deliver(req(r.url))).toMatchObject({ kind: 'delivered', output: { body: { zipped: true } } });
  });

  it('signs with Standard Webhooks, re-signing each attempt with a fresh timestamp', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const r = await receiver((_q, res) => {
      res.writeHead(500);
      res.end();
    });
    const clock = createManualClock(Date.now());
    const d = delivery({ clock });
    const request = req(r.url, { signingSecret: secret, idempotencyKey: 'sy_same' });
    await d.deliverer.deliver(request);
    clock.advance(61_000);
    await d.deliverer.deliver(request);
    const wh = new Webhook(secret);
    const [a, b] = r.got;
    for (const g of [a, b]) {
      const h = g?.headers as Record<string, string>;
      expect(
        wh.verify(g?.body ?? Buffer.alloc(0), { 'webhook-id': h['webhook-id'] ?? '', 'webhook-timestamp': h['webhook-timestamp'] ?? '', 'webhook-signature': h['webhook-signature'] ?? '' }),
      ).toEqual({ hello: 'world' });
    }
    expect(a?.headers['webhook-id']).toBe('sy_same');
    expect(b?.headers['webhook-id']).toBe('sy_same');
    expect(Number(b?.headers['webhook-timestamp']) - Number(a?.headers['webhook-timestamp'])).toBe(61);
    expect(a?.headers['webhook-signature']).not.toBe(b?.headers['webhook-signature']);
  });

  it('a tampered body fails the receiver-side check (the signature covers the exact bytes)', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const r = await receiver((_q, res) => res.end());
    await delivery({ clock: createManualClock(Date.now()) }).deliverer.deliver(req(r.url, { signingSecret: secret }));
    const h = r.got[0]?.headers as Record<string, string>;
    expect(() => new Webhook(secret).verify('{"hello":"World"}', h)).toThrow();
  });
});

describe('the delivery client refuses bad input clearly', () => {
  it('an invalid URL fails permanently', async () => {
    const out = failed(await delivery().deliverer.deliver(req('not a url')));
    expect(out.error).toMatchObject({ code: 'invalid_url', retryable: false });
  });

  it('an unreadable signing secret fails permanently, before any request', async () => {
    const server = createServer((_q, res) => res.end());
    let hits = 0;
    server.on('request', () => hits++);
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
    const port = (server.address() as { port: number }).port;
    const out = failed(await delivery().deliverer.deliver(req(`http://127.0.0.1:${port}/`, { signingSecret: 'whsec_' })));
    expect(out.error).toMatchObject({ code: 'signing_failed', retryable: false });
    expect(hits).toBe(0);
    await new Promise((res) => server.close(res));
  });
});
