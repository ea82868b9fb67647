import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../server/lib/clock.js';
import { startTestApp } from '../../support/test-app.js';

describe('/api/datastore', () => {
  const clock = createManualClock(Date.now());
  let t: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    t = await startTestApp({}, { clock });
  });
  afterAll(() => t.stop());
  const api = () => request(t.app.handler);

  it('puts, views, lists by prefix page by page, and deletes entries', async () => {
    for (const k of ['cfg:a', 'cfg:b', 'cfg:c', 'other']) {
      const put = await api()
        .put(`/api/datastore/global/${encodeURIComponent(k)}`)
        .set(t.auth)
        .send({ value: { k } });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
    }
    await api().put('/api/datastore/wf:wf_1/cfg:z').set(t.auth).send({ value: 1 });
    expect((await api().get('/api/datastore/global/cfg%3Ab').set(t.auth)).body.entry).toMatchObject({ scope: 'global', key: 'cfg:b', value: { k: 'cfg:b' }, expiresAt: null });
    const first = await api().get('/api/datastore?scope=global&prefix=cfg:&limit=2').set(t.auth);
    expect(first.body.items.map((e: { key: string }) => e.key)).toEqual(['cfg:a', 'cfg:b']);
    const second = await api().get(`/api/datastore?scope=global&prefix=cfg:&limit=2&cursor=${first.body.nextCursor}`).set(t.auth);
    expect(second.body).toMatchObject({ items: [{ key: 'cfg:c' }], nextCursor: null });
    const everywhere = await api().get('/api/datastore?prefix=cfg:').set(t.auth);
    expect(everywhere.body.items.map((e: { scope: string; key: string }) => `${e.scope}/${e.key}`)).toEqual(['global/cfg:a', 'global/cfg:b', 'global/cfg:c', 'wf:wf_1/cfg:z']);
    expect((await api().delete('/api/datastore/global/other').set(t.auth)).status).toBe(204);
    expect((await api().delete('/api/datastore/global/other').set(t.auth)).status).toBe(404);
    expect((await api().get('/api/datastore/global/other').set(t.auth)).body.error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a value over 64 KB, a bad scope, a missing value and a bad cursor, in the error shape, storing nothing', async () => {
    const big = await api()
      .put('/api/datastore/global/big')
      .set(t.auth)
      .send({ value: 'x'.repeat(64 * 1024) });
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', reason: 'value_too_large' });
    expect(big.body.error.message).toContain('64 KB');
    expect((await api().get('/api/datastore/global/big').set(t.auth)).status).toBe(404);
    const scope = await api().put('/api/datastore/nobody/k').set(t.auth).send({ value: 1 });
    expect(scope.status).toBe(400);
    expect(scope.body.error.message).toContain('global');
    expect((await api().put('/api/datastore/global/k').set(t.auth).send({})).status).toBe(400);
    expect((await api().get('/api/datastore?cursor=nonsense').set(t.auth)).body.error).toMatchObject({ code: 'BAD_REQUEST', reason: 'invalid_cursor' });
    expect((await api().get('/api/datastore')).status).toBe(401);
  });

  it('hides an entry once its TTL passes, purges it in the retention sweep and counts entries in storage stats', async () => {
    await api().put('/api/datastore/global/short').set(t.auth).send({ value: 'soon gone', ttlSeconds: 60 });
    const before = (await api().get('/api/system/storage').set(t.auth)).body.datastore;
    expect((await api().get('/api/datastore/global/short').set(t.auth)).status).toBe(200);
    clock.advance(61_000);
    expect((await api().get('/api/datastore/global/short').set(t.auth)).status).toBe(404);
    expect((await api().get('/api/system/storage').set(t.auth)).body.datastore).toEqual(before);
    const swept = await t.app.ops.sweeper.sweepOnce();
    expect(swept.dataEntries).toBe(1);
    const after = (await api().get('/api/system/storage').set(t.auth)).body.datastore;
    expect(after.entries).toBe(before.entries - 1);
    expect(after.bytes).toBe(before.bytes - 'short'.length - JSON.stringify('soon gone').length);
  });
});
