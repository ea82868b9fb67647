import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/store/sqlite/database.js';
import { createHealthRouter } from '../../../server/http/health.routes.js';
import { createReadiness } from '../../../server/ops/readiness.js';
import { createSandboxPool } from '../../../server/sandbox/sandbox-pool.js';
import { createCommitQueue } from '../../../server/store/sqlite/commit-queue.js';
import { createSqliteStore } from '../../../server/store/sqlite/create-sqlite-store.js';
import { startTestApp } from '../../support/test-app.js';
import { refuseWrites, storedCount } from '../../support/stored.js';
import { tempDir } from '../../support/temp-dir.js';
import { event } from '../store/contract/contract-fixtures.js';
import { hookToHttp } from '../../support/workflows.js';

describe('/readyz on a whole server', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  it('is ready when the database takes a write, the sandbox can run calls and the queue moves', async () => {
    const res = await request(t.app.handler).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ready', checks: { database: { ok: true }, sandbox: { ok: true }, queue: { ok: true } } });
    // No code step has run yet: the pool has started no process, and that is fine.
    expect(res.body.checks.sandbox.message).toMatch(/^idle: processes start on the first code step/);
    expect(await storedCount(t, 'health_probe')).toBe(1);
  });

  it('answers 503 naming the database when it cannot be written, and recovers', async () => {
    const allow = await refuseWrites(t, 'health_probe');
    try {
      const res = await request(t.app.handler).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body.status).toBe('not_ready');
      expect(res.body.checks.database.ok).toBe(false);
      expect(res.body.checks.database.message).toMatch(/not writable/);
      expect(res.body.checks.sandbox.ok).toBe(true);
      // Liveness is not readiness: the process still answers.
      expect((await request(t.app.handler).get('/healthz')).status).toBe(200);
    } finally {
      await allow();
    }
    expect((await request(t.app.handler).get('/readyz')).status).toBe(200);
  });

  it('answers 503 naming the queue when due jobs wait past the limit while nothing executes', async () => {
    const created = await request(t.app.handler).post('/api/workflows').set(t.auth).send(hookToHttp('http://127.0.0.1:9/x'));
    const wf = created.body.id as string;
    await t.app.workers.stop(100);
    const longAgo = Date.now() - 10 * 60_000;
    // A job that came due ten minutes ago and was never claimed: the workers are stopped.
    await t.app.store.runs.startRun({ workflowId: wf, version: 1, concurrency: 16, now: longAgo, event: { kind: 'new', event: event(wf, { receivedAt: longAgo }) } });
    const res = await request(t.app.handler).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.checks.queue).toMatchObject({ ok: false, message: expect.stringMatching(/stalled: 1 due job/) });
    expect(res.body.checks.database.ok).toBe(true);
  });
});

describe('/readyz with a sandbox pool that is down', () => {
  it('answers 503 naming the sandbox once its processes are gone', async () => {
    const dir = tempDir();
    const db = openDatabase(`${dir.path}/s.db`);
    const pool = createSandboxPool({ size: 1 });
    try {
      const readiness = createReadiness({
        store: createSqliteStore(db, createCommitQueue(db)),
        now: () => Date.now(),
        stallMs: 60_000,
        sandbox: () => pool.stats(),
        executing: () => 0,
      });
      const app = express().use(createHealthRouter({ startedAt: Date.now(), readiness }));
      // A real call proves the pool worked before it went down.
      expect(await pool.evaluate({ expressions: ['1 + 1'], scope: { trigger: { body: null, headers: {}, query: {}, method: 'POST' }, input: null, steps: {} } })).toMatchObject({
        ok: true,
        value: [{ ok: true, value: 2 }],
      });
      expect((await request(app).get('/readyz')).status).toBe(200);
      await pool.close();
      const res = await request(app).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body.checks.sandbox).toEqual({ ok: false, message: expect.stringMatching(/no sandbox process/) });
      expect(res.body.checks.database.ok).toBe(true);
    } finally {
      await pool.close();
      db.close();
      dir.cleanup();
    }
  });
});
