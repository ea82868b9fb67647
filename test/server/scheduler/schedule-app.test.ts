import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { waitForRun } from '../../support/wait-run.js';
import { edge, node } from '../../support/workflows.js';

const env = useAppAndReceiver();
const api = () => request(env.t.app.handler);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `ok` holds or the (generous) deadline passes; returns the last value. */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await sleep(50);
  }
}

const scheduled = (url: string, config: Record<string, unknown>) => ({
  name: 'every second',
  nodes: [
    node('tick', 'schedule', config),
    node('out', 'http', { method: 'POST', url, body: { scheduledAt: '{{ trigger.body.scheduledAt }}', report: '{{ trigger.body.report }}', method: '{{ trigger.method }}' } }, 250),
  ],
  edges: [edge('tick', 'out')],
});

describe('schedule trigger in the running app', () => {
  it('a 1-second schedule fires runs that succeed, shows its next ticks, and stops at once when deactivated', async () => {
    const def = scheduled(`${env.rcv.url}/tick`, { mode: 'interval', every: '1s', payload: { report: 'daily' } });
    const created = await api().post('/api/workflows').set(env.t.auth).send(def);
    expect(created.status).toBe(201);
    expect(created.body.hooks).toEqual([]);
    const id = created.body.id as string;

    const sched = await api().get(`/api/workflows/${id}/schedule`).set(env.t.auth);
    expect(sched.status).toBe(200);
    expect(sched.body).toMatchObject({ workflowId: id, active: false, schedule: { nodeId: 'tick', mode: 'interval', every: '1s', timezone: 'UTC', missed: 'runOnce', lastTick: null } });
    const next = (sched.body.schedule.next as Array<{ at: string; local: string }>).map((n) => Date.parse(n.at));
    expect(next).toHaveLength(5);
    expect(next.slice(1).map((t, i) => t - (next[i] ?? 0))).toEqual([1000, 1000, 1000, 1000]);
    expect(sched.body.schedule.next[0].local).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);

    expect((await api().post(`/api/workflows/${id}/activate`).set(env.t.auth)).status).toBe(200);
    const hits = await until(
      async () => env.rcv.got.filter((g) => g.url === '/tick'),
      (g) => g.length >= 3,
    );
    expect(hits.length).toBeGreaterThanOrEqual(3);
    const bodies = hits.map((h) => JSON.parse(h.body) as { scheduledAt: string; report: string; method: string });
    expect(bodies[0]).toMatchObject({ report: 'daily', method: 'SCHEDULE' });
    expect(new Set(bodies.map((b) => b.scheduledAt)).size).toBe(bodies.length);
    for (const b of bodies) expect(Date.parse(b.scheduledAt) % 1000).toBe(0);

    const deactivated = await api().post(`/api/workflows/${id}/deactivate`).set(env.t.auth);
    expect(deactivated.body.active).toBe(false);
    const runs = (await api().get(`/api/runs?workflowId=${id}&limit=500`).set(env.t.auth)).body.runs as Array<{ id: string }>;
    for (const r of runs) expect((await waitForRun(env.t.app.handler, env.t.auth, r.id)).status).toBe('succeeded');
    await sleep(2_500);
    const after = (await api().get(`/api/runs?workflowId=${id}&limit=500`).set(env.t.auth)).body.runs as unknown[];
    expect(after).toHaveLength(runs.length);

    // More ticks may fire between the first three deliveries and the deactivation (a busy machine
    // takes longer than a tick): the last tick is the newest of every delivery once the runs ended.
    const ticks = env.rcv.got.filter((g) => g.url === '/tick').map((h) => (JSON.parse(h.body) as { scheduledAt: string }).scheduledAt);
    expect(ticks).toHaveLength(runs.length);
    const last = (await api().get(`/api/workflows/${id}/schedule`).set(env.t.auth)).body.schedule;
    expect(last.lastTick.at).toBe([...ticks].sort().at(-1) ?? 'none');
    expect(runs.map((r) => r.id)).toContain(last.lastRunId);
  }, 60_000);

  it('refuses an invalid cron or an unknown time zone at save with the field and a clear message', async () => {
    const bad = await api()
      .post('/api/workflows')
      .set(env.t.auth)
      .send(scheduled(`${env.rcv.url}/x`, { mode: 'cron', cron: '0 25 * * *' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.issues).toContainEqual({ nodeId: 'tick', path: 'config.cron', message: expect.stringMatching(/^Invalid cron expression "0 25 \* \* \*": .*hour/) });
    const tz = await api()
      .post('/api/workflows')
      .set(env.t.auth)
      .send(scheduled(`${env.rcv.url}/x`, { mode: 'cron', cron: '0 9 * * *', timezone: 'Europe/Atlantis' }));
    expect(tz.status).toBe(400);
    expect(tz.body.error.message).toBe('The workflow is not valid: Unknown time zone "Europe/Atlantis": use an IANA name such as "Europe/Berlin" or "UTC".');
  });

  it('lists cron ticks in the trigger time zone; other triggers have no schedule; unknown workflows are a 404', async () => {
    const cron = await api()
      .post('/api/workflows')
      .set(env.t.auth)
      .send(scheduled(`${env.rcv.url}/x`, { mode: 'cron', cron: '0 30 9 * * *', timezone: 'Asia/Kolkata' }));
    const s = (await api().get(`/api/workflows/${cron.body.id}/schedule`).set(env.t.auth)).body.schedule;
    expect(s.next).toHaveLength(5);
    for (const n of s.next) {
      expect(n.local).toMatch(/T09:30:00\+05:30$/);
      expect(n.at).toMatch(/T04:00:00\.000Z$/);
    }
    const hook = await api()
      .post('/api/workflows')
      .set(env.t.auth)
      .send({ name: 'hook', nodes: [node('hook', 'webhook')], edges: [] });
    expect((await api().get(`/api/workflows/${hook.body.id}/schedule`).set(env.t.auth)).body.schedule).toBeNull();
    const missing = await api().get('/api/workflows/wf_missing/schedule').set(env.t.auth);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
});
