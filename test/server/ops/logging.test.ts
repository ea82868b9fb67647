import { Writable } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';
import { createLogger } from '../../../server/lib/logger.js';
import { startReceiver } from '../../support/receiver.js';
import { startTestApp } from '../../support/test-app.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

const SECRET = 'Bearer s3cret-token-value-42';

/** A pino destination that keeps every line, parsed. */
function sink() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { stream, lines, text: () => JSON.stringify(lines) };
}

const logs = sink();
let t: Awaited<ReturnType<typeof startTestApp>>;
let rcv: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  t = await startTestApp({}, { logger: createLogger('debug', logs.stream) });
  rcv = await startReceiver((r) => (r.url === '/fail' ? { status: 500 } : { status: 200 }));
});
afterAll(async () => {
  await t.stop();
  await rcv.close();
});

async function deploy(name: string, url: string, credentialId: string) {
  const def = {
    name,
    nodes: [
      node('hook', 'webhook', { auth: { kind: 'header', credentialId } }),
      node('shape', 'code', { code: 'return { n: trigger.body.n }' }, 250),
      node('out', 'http', { method: 'POST', url, headers: { 'x-forward': '{{ trigger.headers.authorization }}' }, body: { n: '{{ steps.shape.n }}' }, retry: { attempts: 1 } }, 500),
    ],
    edges: [edge('hook', 'shape'), edge('shape', 'out')],
  };
  const wf = (await request(t.app.handler).post('/api/workflows').set(t.auth).send(def)).body;
  const hook = new URL((await request(t.app.handler).post(`/api/workflows/${wf.id}/activate`).set(t.auth)).body.hooks[0].url).pathname;
  return { id: wf.id as string, hook };
}

describe('logs', () => {
  it('carry the run, workflow and node ids on every line of a run, and never a credential value', async () => {
    const cred = await request(t.app.handler)
      .post('/api/credentials')
      .set(t.auth)
      .send({ name: 'token', type: 'header', data: { name: 'authorization', value: SECRET } });
    const good = await deploy('logs ok', `${rcv.url}/ok`, cred.body.id);
    const bad = await deploy('logs fail', `${rcv.url}/fail`, cred.body.id);
    expect((await request(t.app.handler).post(good.hook).set('authorization', 'Bearer wrong').send({ n: 0 })).status).toBe(401);
    const okRun = (await request(t.app.handler).post(good.hook).set('authorization', SECRET).send({ n: 1 })).body.runId as string;
    const failRun = (await request(t.app.handler).post(bad.hook).set('authorization', SECRET).send({ n: 2 })).body.runId as string;
    expect((await waitForRun(t.app.handler, t.auth, okRun)).status).toBe('succeeded');
    expect((await waitForRun(t.app.handler, t.auth, failRun)).status).toBe('failed');
    await new Promise((r) => setTimeout(r, 50));

    for (const [runId, workflowId] of [
      [okRun, good.id],
      [failRun, bad.id],
    ] as const) {
      const mine = logs.lines.filter((l) => l.runId === runId);
      expect(mine.map((l) => l.msg)).toEqual(expect.arrayContaining(['run claimed', 'step finished', 'run finished']));
      for (const l of mine) expect(l.workflowId).toBe(workflowId);
      const steps = mine.filter((l) => l.msg === 'step finished');
      expect(steps.map((l) => [l.nodeId, l.nodeType]).sort()).toEqual([
        ['out', 'http'],
        ['shape', 'code'],
      ]);
      expect(steps.every((l) => typeof l.durationMs === 'number')).toBe(true);
    }
    const failed = logs.lines.find((l) => l.runId === failRun && l.msg === 'run finished');
    expect(failed).toMatchObject({ level: 30, status: 'failed', nodeId: 'out', error: 'step_failed' });
    expect(logs.lines.find((l) => l.msg === 'trigger request refused')).toMatchObject({ workflowId: good.id, nodeId: 'hook' });
    expect(logs.text()).not.toContain('s3cret-token-value-42');
  });

  it('redacts credential fields and authorization, cookie and signature headers in anything logged', () => {
    const s = sink();
    const logger = createLogger('info', s.stream);
    logger.info(
      {
        headers: { authorization: 'Bearer abc-111', cookie: 'sid=abc-222', 'x-hub-signature-256': 'sha256=abc-333', 'stripe-signature': 't=1,v1=abc-444', accept: 'json' },
        req: { headers: { 'proxy-authorization': 'Basic abc-555' } },
        res: { headers: { 'set-cookie': 'sid=abc-121' } },
        request: { headers: { 'x-api-key': 'abc-131' } },
        response: { headers: { 'x-slack-signature': 'v0=abc-141' } },
        credential: { id: 'cred_1', data: { value: 'abc-666' } },
        user: { password: 'abc-777' },
        secret: 'abc-888',
      },
      'something happened',
    );
    logger.child({ runId: 'run_1' }).warn({ delivery: { headers: { authorization: 'Bearer abc-999' } } }, 'child line');
    expect(s.text()).not.toMatch(/abc-\d{3}/);
    expect(s.lines[0]).toMatchObject({ headers: { accept: 'json', authorization: '[redacted]' }, credential: { id: 'cred_1', data: '[redacted]' } });
    expect(s.lines[1]).toMatchObject({ runId: 'run_1', delivery: { headers: { authorization: '[redacted]' } } });
  });

  it('honours LOG_LEVEL and refuses a level that does not exist', () => {
    const s = sink();
    const logger = createLogger(loadConfig({ LOG_LEVEL: 'warn' }).logLevel, s.stream);
    logger.info('hidden');
    logger.debug('hidden too');
    logger.warn('shown');
    expect(s.lines.map((l) => l.msg)).toEqual(['shown']);
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });
});
