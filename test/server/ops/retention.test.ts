import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../support/test-app.js';
import { storedBatch, storedRows, type Statement } from '../../support/stored.js';
import { hookToHttp } from '../../support/workflows.js';

const DAY = 24 * 3600 * 1000;
let t: Awaited<ReturnType<typeof startTestApp>>;
const now = Date.now();

/** A stored run as the executor leaves it: the run, one step attempt, its job; its event when new. */
function run(id: string, workflowId: string, status: string, ageDays: number, eventId = `evt_${id}`, replayOf: string | null = null): Statement[] {
  const at = now - ageDays * DAY;
  const finished = ['succeeded', 'failed', 'cancelled'].includes(status) ? at + 1000 : null;
  const job = finished ? status : status === 'waiting' ? 'retry_wait' : status;
  return [
    [
      `INSERT INTO events (id, workflow_id, node_id, method, path, query, headers, body, received_at) VALUES (?, ?, 'hook', 'POST', '/', '{}', '{}', ?, ?) ON CONFLICT DO NOTHING`,
      [eventId, workflowId, Buffer.from('{}'), at],
    ],
    [
      `INSERT INTO runs (id, workflow_id, version, event_id, status, replay_of, created_at, started_at, finished_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)`,
      [id, workflowId, eventId, status, replayOf, at, at, finished],
    ],
    [`INSERT INTO steps (run_id, node_id, attempt, status, started_at, finished_at) VALUES (?, 'out', 1, ?, ?, ?)`, [id, status === 'failed' ? 'failed' : 'succeeded', at, finished]],
    [`INSERT INTO jobs (run_id, workflow_id, status, run_at, concurrency, updated_at) VALUES (?, ?, ?, ?, 16, ?)`, [id, workflowId, job, at + 100 * DAY, at]],
  ];
}

const ids = async (table: string, where = 'true') =>
  (await storedRows(t, `SELECT ${table === 'events' ? 'id' : table === 'runs' ? 'id' : 'run_id AS id'} FROM ${table} WHERE ${where}`)).map((r) => String(r.id)).sort();
const create = async (def: object) => (await request(t.app.handler).post('/api/workflows').set(t.auth).send(def)).body.id as string;

beforeAll(async () => {
  t = await startTestApp({ RETENTION_DAYS: '7', RETENTION_MAX_RUNS: '0', RETENTION_FAILED_DAYS: '30', RETENTION_FAILED_MAX_RUNS: '0', RETENTION_SWEEP_SECONDS: '0' });
});
afterAll(() => t.stop());

describe('retention', () => {
  it('refuses a retention setting that is not a whole number of days', async () => {
    const res = await request(t.app.handler)
      .post('/api/workflows')
      .set(t.auth)
      .send({ ...hookToHttp('http://127.0.0.1:9/x'), settings: { retention: { days: 0.5 } } });
    expect(res.status).toBe(400);
  });

  it('removes exactly what the policy says: days and counts per workflow, failures kept longer, events kept while referenced', async () => {
    const a = await create(hookToHttp('http://127.0.0.1:9/a', undefined, 'defaults'));
    const b = await create({ ...hookToHttp('http://127.0.0.1:9/b', undefined, 'count-limited'), settings: { retention: { days: null, maxRuns: 2, failedMaxRuns: 1 } } });
    const c = await create({ ...hookToHttp('http://127.0.0.1:9/c', undefined, 'keeps failures forever'), settings: { retention: { days: 2, failedDays: null } } });
    await storedBatch(t, [
      // Workflow a: the server default (7 days; failed 30 days).
      ...run('a_old_ok', a, 'succeeded', 10),
      ...run('a_new_ok', a, 'succeeded', 3),
      ...run('a_old_cancelled', a, 'cancelled', 10),
      ...run('a_failed_10d', a, 'failed', 10),
      ...run('a_failed_40d', a, 'failed', 40),
      ...run('a_running', a, 'running', 20),
      ...run('a_waiting', a, 'waiting', 40),
      // A replay of a_old_ok shares its event: the event must outlive a_old_ok.
      ...run('a_replay', a, 'succeeded', 1, 'evt_a_old_ok', 'a_old_ok'),
      // Workflow b: the newest 2 successes and the newest failure, whatever their age.
      ...[1, 2, 3, 50, 400].flatMap((age, i) => run(`b_ok_${i}`, b, 'succeeded', age)),
      ...run('b_failed_new', b, 'failed', 5),
      ...run('b_failed_old', b, 'failed', 6),
      // Workflow c: successes for 2 days, failures forever.
      ...run('c_ok_1d', c, 'succeeded', 1),
      ...run('c_ok_3d', c, 'succeeded', 3),
      ...run('c_failed_900d', c, 'failed', 900),
      // A deleted workflow's runs follow the default.
      ...run('gone_old', 'wf_deleted', 'succeeded', 8),
      ...run('gone_new', 'wf_deleted', 'succeeded', 6),
    ]);
    const res = await request(t.app.handler).post('/api/system/retention/sweep').set(t.auth);
    expect(res.status).toBe(200);
    const deleted = ['a_old_ok', 'a_old_cancelled', 'a_failed_40d', 'b_ok_2', 'b_ok_3', 'b_ok_4', 'b_failed_old', 'c_ok_3d', 'gone_old'];
    const kept = ['a_new_ok', 'a_failed_10d', 'a_running', 'a_waiting', 'a_replay', 'b_ok_0', 'b_ok_1', 'b_failed_new', 'c_ok_1d', 'c_failed_900d', 'gone_new'];
    expect(await ids('runs')).toEqual([...kept].sort());
    expect(res.body).toMatchObject({ runs: deleted.length, events: deleted.length - 1 });
    // Steps and jobs went with their runs; the shared event stayed, the others went.
    expect(await ids('steps')).toEqual([...kept].sort());
    expect(await ids('jobs')).toEqual([...kept].sort());
    expect(await ids('events')).toEqual([...kept.filter((k) => k !== 'a_replay').map((k) => `evt_${k}`), 'evt_a_old_ok'].sort());
    // Replay still works from the kept event.
    const replay = await request(t.app.handler).post('/api/runs/a_replay/replay').set(t.auth);
    expect(replay.status).toBe(202);

    // A second sweep finds nothing more to do.
    const again = await request(t.app.handler).post('/api/system/retention/sweep').set(t.auth);
    expect(again.body).toMatchObject({ runs: 0, events: 0 });
  });

  it('deletes a large backlog in bounded batches until nothing is left', async () => {
    const d = await create(hookToHttp('http://127.0.0.1:9/d', undefined, 'backlog'));
    await storedBatch(t, [...Array.from({ length: 650 }, (_, i) => run(`d_${String(i).padStart(4, '0')}`, d, 'succeeded', 8 + i / 1000)).flat(), ...run('d_recent', d, 'succeeded', 1)]);
    const res = await t.app.ops.sweeper.sweepOnce();
    expect(res.runs).toBe(650);
    expect(await ids('runs', `workflow_id = '${d}'`)).toEqual(['d_recent']);
  });
});
