import { afterEach, describe, expect, it } from 'vitest';
import express from 'express';
import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openDatabase, type Db } from '../../../server/store/sqlite/database.js';
import { createCommitQueue } from '../../../server/store/sqlite/commit-queue.js';
import { createSqliteStore } from '../../../server/store/sqlite/create-sqlite-store.js';
import { createEndpointsRouter } from '../../../server/http/endpoints.routes.js';
import { errorHandler } from '../../../server/http/errors.js';
import { req, startReceiver, testDelivery } from './support.js';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

function appFor(d: ReturnType<typeof testDelivery>) {
  const app = express();
  app.use('/api/endpoints', createEndpointsRouter({ endpoints: d.endpoints }));
  app.use(errorHandler(pino({ level: 'silent' })));
  return app;
}

function tempDb(): { db: Db; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-endpoints-'));
  const file = join(dir, 'test.db');
  const db = openDatabase(file);
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return { db, file };
}

describe('/api/endpoints', () => {
  it('lists endpoint health and re-enables one disabled by a 410, durably across a restart', async () => {
    let gone = true;
    const r = await startReceiver((_q, res) => {
      res.writeHead(gone ? 410 : 500);
      res.end();
    });
    cleanup.push(() => r.close());
    const { db, file } = tempDb();
    const d = testDelivery({ store: createSqliteStore(db, createCommitQueue(db)) });
    await d.deliverer.deliver(req(r.url));
    gone = false;
    await d.deliverer.deliver(req('http://127.0.0.1:1/other'));
    await d.close();
    db.close();

    // A new process: same database file, fresh memory.
    const db2 = openDatabase(file);
    cleanup.push(() => void db2.close());
    const d2 = testDelivery({ store: createSqliteStore(db2, createCommitQueue(db2)) });
    await d2.endpoints.load();
    cleanup.push(() => d2.close());
    const app = appFor(d2);
    const list = await request(app).get('/api/endpoints').expect(200);
    expect(list.body.endpoints).toEqual([expect.objectContaining({ origin: r.url, state: 'disabled', disabledReason: expect.stringContaining('410') })]);
    const id = list.body.endpoints[0].id as string;
    expect(id).toMatch(/^ep_[0-9a-f]{16}$/);
    expect((await d2.deliverer.deliver(req(r.url))).kind).toBe('failed');
    expect(r.got).toHaveLength(1);

    const enabled = await request(app).post(`/api/endpoints/${id}/enable`).expect(200);
    expect(enabled.body.endpoint).toMatchObject({ id, state: 'healthy', disabledAt: null });
    const after = await d2.deliverer.deliver(req(r.url));
    expect(after).toMatchObject({ kind: 'failed', error: { status: 500 } });
    expect(r.got).toHaveLength(2);

    const failing = await request(app)
      .get(`/api/endpoints/${encodeURIComponent(r.url)}`)
      .expect(200);
    expect(failing.body.endpoint).toMatchObject({ id, lastStatus: 500, recent: { requests: 1, failures: 1, failureRate: 1 } });
    expect((await request(app).get('/api/endpoints?state=disabled').expect(200)).body.endpoints).toEqual([]);

    // Re-enabling is stored too.
    expect(db2.prepare('SELECT count(*) AS n FROM endpoints WHERE disabled_at IS NOT NULL').get()).toEqual({ n: 0 });
  });

  it('answers unknown ids and bad filters with the error shape', async () => {
    const d = testDelivery();
    cleanup.push(() => d.close());
    const app = appFor(d);
    const missing = await request(app).post('/api/endpoints/ep_0000000000000000/enable').expect(404);
    expect(missing.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('ep_0000000000000000') } });
    const bad = await request(app).get('/api/endpoints?state=sideways').expect(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
    await request(app).get('/api/endpoints/nope').expect(404);
  });
});
