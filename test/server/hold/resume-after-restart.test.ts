import request from 'supertest';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';
import { buildSwitchyard } from '../../../server/main.js';
import { startReceiver } from '../../support/receiver.js';
import { tempDir } from '../../support/temp-dir.js';
import { databaseEnv } from '../../support/test-app.js';
import { hookToHttp } from '../../support/workflows.js';

const dir = tempDir('switchyard-resume-restart-');
afterAll(() => dir.cleanup());

describe('a release cut short', () => {
  it('is finished by the next server start: every held event runs once', { timeout: 60_000 }, async () => {
    const rcv = await startReceiver();
    // The same store across the restart: the data dir, or the PostgreSQL database when the suite runs on one.
    const database = await databaseEnv();
    const config = loadConfig({ DATA_DIR: dir.path, PUBLIC_URL: 'http://127.0.0.1:9', EGRESS_ALLOW: '127.0.0.1/32', LOG_LEVEL: 'silent', ...database.env });
    const first = await buildSwitchyard(config, { logger: pino({ level: 'silent' }) });
    const { key } = await first.auth.createApiKey('test', null);
    const auth = { authorization: `Bearer ${key}` };
    const wf = (
      await request(first.handler)
        .post('/api/workflows')
        .set(auth)
        .send(hookToHttp(`${rcv.url}/held`, { n: '{{ trigger.body.n }}' }))
    ).body;
    const hook = new URL((await request(first.handler).post(`/api/workflows/${wf.id}/activate`).set(auth)).body.hooks[0].url).pathname;
    await request(first.handler).post(`/api/workflows/${wf.id}/pause`).set(auth).expect(200);
    for (let n = 0; n < 5; n++) expect((await request(first.handler).post(hook).send({ n })).status).toBe(202);
    // The resume began and released two events, then the server stopped (no workers ran here).
    expect(await first.store.holds.beginResume(wf.id, Date.now())).toBe('resuming');
    expect(await first.store.holds.release(wf.id, 2, Date.now())).toEqual({ started: 2, state: 'resuming' });
    await first.close(1_000);

    const second = await buildSwitchyard(config, { logger: pino({ level: 'silent' }) });
    try {
      await second.startWorkers();
      const end = Date.now() + 30_000;
      while (rcv.got.length < 5 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      expect(rcv.got.map((r) => (JSON.parse(r.body) as { n: number }).n).sort()).toEqual([0, 1, 2, 3, 4]);
      expect((await request(second.handler).get(`/api/workflows/${wf.id}`).set(auth)).body).toMatchObject({ paused: false, heldCount: 0 });
    } finally {
      await second.close(1_000);
      await database.drop();
      await rcv.close();
    }
  });
});
