import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../support/test-app.js';
import { count, deployHook, shiftedClock, triggerView, type TestApp } from './support.js';

let t: TestApp;
const clock = shiftedClock();
const post = (path: string, body: unknown = { n: 1 }) =>
  request(t.app.handler)
    .post(path)
    .send(body as object);

beforeAll(async () => {
  // The test's own socket is loopback; other addresses arrive through X-Forwarded-For from that "proxy".
  t = await startTestApp({ TRUST_PROXY: 'loopback' }, { clock });
  await t.app.workers.stop(100);
});
afterAll(async () => {
  await t.stop();
});

describe('rotating a trigger token', () => {
  it('without grace: the new URL works at once and the old one answers 404 at once', async () => {
    const { workflowId, path } = await deployHook(t, {}, 'rotate now');
    expect((await post(path)).status).toBe(202);
    const rotated = await request(t.app.handler).post(`/api/workflows/${workflowId}/triggers/hook/rotate`).set(t.auth).send({});
    expect(rotated.status).toBe(200);
    const next = new URL(rotated.body.trigger.url).pathname;
    expect(next).not.toBe(path);
    expect(next.length).toBeGreaterThanOrEqual('/hooks/'.length + 22);
    expect(rotated.body.trigger.previous).toEqual([]);
    expect((await post(path)).status).toBe(404);
    expect((await post(next)).status).toBe(202);
    const wf = await request(t.app.handler).get(`/api/workflows/${workflowId}`).set(t.auth);
    expect(wf.body.hooks).toEqual([{ nodeId: 'hook', url: rotated.body.trigger.url, testUrl: rotated.body.trigger.url.replace('/hooks/', '/hooks/test/') }]);
  });

  it('with a grace period: both URLs work until it ends, then the old one answers 404', async () => {
    const { workflowId, path } = await deployHook(t, {}, 'rotate with grace');
    expect((await post(path)).status).toBe(202); // cached in the resolver before the rotation
    const rotated = await request(t.app.handler).post(`/api/workflows/${workflowId}/triggers/hook/rotate`).set(t.auth).send({ graceSeconds: 3600 });
    const next = new URL(rotated.body.trigger.url).pathname;
    expect(rotated.body.trigger.previous).toEqual([{ url: expect.stringContaining(path), expiresAt: expect.any(Number) }]);
    expect(rotated.body.trigger.previous[0].expiresAt - clock.now()).toBeGreaterThan(3500_000);
    expect((await post(path)).status).toBe(202);
    expect((await post(next)).status).toBe(202);
    clock.advance(3601_000);
    expect((await post(path)).status).toBe(404);
    expect((await post(next)).status).toBe(202);
    expect((await triggerView(t, workflowId))?.previous).toEqual([]);
  });

  it('a rotation without grace also ends earlier grace periods', async () => {
    const { workflowId, path } = await deployHook(t, {}, 'rotate twice');
    const first = await request(t.app.handler).post(`/api/workflows/${workflowId}/triggers/hook/rotate`).set(t.auth).send({ graceSeconds: 600 });
    expect((await post(path)).status).toBe(202);
    const second = await request(t.app.handler).post(`/api/workflows/${workflowId}/triggers/hook/rotate`).set(t.auth).send({ graceSeconds: 0 });
    expect((await post(path)).status).toBe(404);
    expect((await post(new URL(first.body.trigger.url).pathname)).status).toBe(404);
    expect((await post(new URL(second.body.trigger.url).pathname)).status).toBe(202);
  });

  it('refuses bad rotations with clear errors', async () => {
    const { workflowId } = await deployHook(t, {}, 'rotate badly');
    const rotate = (id: string, node: string, body: unknown) =>
      request(t.app.handler)
        .post(`/api/workflows/${id}/triggers/${node}/rotate`)
        .set(t.auth)
        .send(body as object);
    expect((await rotate('wf_missing', 'hook', {})).status).toBe(404);
    expect((await rotate(workflowId, 'check', {})).status).toBe(404);
    for (const body of [{ graceSeconds: -1 }, { graceSeconds: 1.5 }, { graceSeconds: 8 * 86400 }, { graceSeconds: '60' }, { grace: 60 }, [1]]) {
      const res = await rotate(workflowId, 'hook', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('BAD_REQUEST');
    }
  });
});

describe('per-trigger rate limit', () => {
  it('answers 429 with Retry-After past the burst, stores nothing, and shows the rate', async () => {
    const { workflowId, path } = await deployHook(t, { rateLimit: { requests: 1, per: 'minute', burst: 2 } }, 'limited');
    expect((await post(path)).status).toBe(202);
    expect((await post(path)).status).toBe(202);
    const events = await count(t, 'events');
    const limited = await post(path);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.body.error).toMatchObject({ code: 'RATE_LIMITED', reason: 'rate_limited', message: expect.stringContaining('retry') });
    expect(await count(t, 'events')).toBe(events);
    const view = await triggerView(t, workflowId);
    expect(view).toMatchObject({ rateLimit: { requests: 1, per: 'minute', burst: 2, source: 'trigger' }, rate: { requestsLastMinute: 3, limitedLastMinute: 1 } });
    expect(view?.rejections).toMatchObject({ byReason: { rate_limited: 1 } });
  });

  it('shows the generous server default on triggers without their own limit', async () => {
    const { workflowId } = await deployHook(t, {}, 'default limit');
    expect((await triggerView(t, workflowId))?.rateLimit).toEqual({ requests: 5000, per: 'second', burst: 5000, source: 'default' });
  });
});

describe('IP allow-list (X-Forwarded-For believed from a loopback proxy)', () => {
  it('lets listed IPv4, IPv6 and IPv4-mapped clients in and refuses others with 403', async () => {
    const { path } = await deployHook(t, { allowedIps: ['203.0.113.0/24', '2001:db8::/32'] }, 'fenced');
    const from = (xff?: string) => {
      const r = request(t.app.handler).post(path);
      return (xff ? r.set('x-forwarded-for', xff) : r).send({ n: 1 });
    };
    expect((await from('203.0.113.5')).status).toBe(202);
    expect((await from('::ffff:203.0.113.9')).status).toBe(202);
    expect((await from('2001:db8:1::2')).status).toBe(202);
    expect((await from('6.6.6.6, 198.51.100.1')).status).toBe(403);
    const events = await count(t, 'events');
    const refused = await from('198.51.100.1');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', reason: 'ip_not_allowed', message: expect.stringContaining('198.51.100.1') });
    expect((await from()).status).toBe(403); // the loopback peer itself is not listed
    expect((await from('not-an-address')).status).toBe(403);
    expect(await count(t, 'events')).toBe(events);
  });

  it('refuses an invalid allow-list on save', async () => {
    const res = await request(t.app.handler)
      .post('/api/workflows')
      .set(t.auth)
      .send({ name: 'bad fence', nodes: [{ id: 'hook', type: 'webhook', position: { x: 0, y: 0 }, config: { allowedIps: ['10.0.0.0/33'] } }], edges: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0]).toMatchObject({ nodeId: 'hook', path: 'config.allowedIps[0]' });
  });
});

describe('inbox of rejected requests', () => {
  it('records every refusal reason with safe facts only, and pages newest first', async () => {
    const { workflowId, path } = await deployHook(
      t,
      { methods: ['POST'], maxBodyBytes: 64, bodyFormat: 'json', auth: { kind: 'signature', preset: 'github', credentialId: 'cred_missing' }, allowedIps: ['203.0.113.0/24'] },
      'inbox',
    );
    const send = (xff: string) => request(t.app.handler).post(path).set('x-forwarded-for', xff).set('user-agent', 'probe/1');
    await send('198.51.100.7').set('authorization', 'Bearer SUPER-SECRET').send('{"secret":"BODY-SECRET"}'); // 403
    await request(t.app.handler).get(path).set('x-forwarded-for', '203.0.113.1'); // 405
    await send('203.0.113.1')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ pad: 'x'.repeat(100) })); // 413
    await send('203.0.113.1').set('x-hub-signature-256', 'sha256=SIGNATURE-SECRET').set('content-type', 'application/json').send('{"secret":"BODY-SECRET"}'); // 401
    const page1 = await request(t.app.handler).get(`/api/workflows/${workflowId}/rejections?limit=3`).set(t.auth);
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((i: { status: number; reason: string }) => [i.status, i.reason])).toEqual([
      [401, 'credential_missing'],
      [413, 'body_too_large'],
      [405, 'method_not_allowed'],
    ]);
    expect(page1.body.items[0]).toMatchObject({ nodeId: 'hook', source: '203.0.113.1', method: 'POST', size: 24, headers: { 'user-agent': 'probe/1', 'content-type': 'application/json' } });
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await request(t.app.handler).get(`/api/workflows/${workflowId}/rejections?limit=3&cursor=${page1.body.nextCursor}`).set(t.auth);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.items[0]).toMatchObject({ status: 403, reason: 'ip_not_allowed', source: '198.51.100.7' });
    expect(page2.body.nextCursor).toBeNull();
    const text = JSON.stringify([page1.body, page2.body]);
    for (const secret of ['SUPER-SECRET', 'BODY-SECRET', 'SIGNATURE-SECRET']) expect(text).not.toContain(secret);
    // Every reason is counted once (the 401 by the verifier, the others by the inbox).
    expect(page1.body.triggers.hook.byReason).toEqual({ ip_not_allowed: 1, method_not_allowed: 1, body_too_large: 1, credential_missing: 1 });
    const onlyHook = await request(t.app.handler).get(`/api/workflows/${workflowId}/rejections?nodeId=other`).set(t.auth);
    expect(onlyHook.body.items).toEqual([]);
  });

  it('refuses bad paging parameters and unknown workflows', async () => {
    const { workflowId } = await deployHook(t, {}, 'inbox params');
    const get = (q: string, id = workflowId) => request(t.app.handler).get(`/api/workflows/${id}/rejections${q}`).set(t.auth);
    for (const q of ['?limit=0', '?limit=201', '?limit=abc', '?limit=1&limit=2', '?cursor=abc', '?cursor=-1', `?nodeId=${'x'.repeat(65)}`]) {
      const res = await get(q);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('BAD_REQUEST');
    }
    expect((await get('', 'wf_nope')).status).toBe(404);
    expect((await request(t.app.handler).get('/api/workflows/wf_nope/triggers').set(t.auth)).status).toBe(404);
    expect((await get('?limit=200')).status).toBe(200);
  });
});
