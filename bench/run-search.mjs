// `node bench/run-search.mjs [RUNS] [DIST]`: the runs search of GET /api/runs over a large store
// (1,000,000 runs by default): by dedupe key (a provider's event id), by status and error code,
// by a time range, and by a value at a JSON path of the trigger body, newest 50 first. Uses the
// compiled run repository in dist/ on a temporary SQLite file with every migration applied, so
// the numbers are the real queries and indexes. Prints the median and worst of several calls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const RUNS = Number(process.argv[2] ?? 1_000_000);
const dist = (p) => pathToFileURL(resolve(process.argv[3] ?? 'dist', p)).href;
const { openDatabase } = await import(dist('server/store/sqlite/database.js'));
const { createRunRepo } = await import(dist('server/store/sqlite/run-repo.js'));

const dir = mkdtempSync(join(tmpdir(), 'switchyard-search-'));
const db = openDatabase(join(dir, 'search.db'));
const runs = createRunRepo(db);
const WORKFLOWS = 20;
const START = Date.UTC(2026, 0, 1);
const STEP = 1_000; // one run a second per the whole store: 1,000,000 runs span about 11.5 days

const t0 = performance.now();
const insertEvent = db.prepare(
  `INSERT INTO events (id, workflow_id, node_id, dedupe_key, method, path, query, headers, body, received_at) VALUES (?, ?, 'hook', ?, 'POST', '/hooks/x', '{}', '{"content-type":"application/json"}', ?, ?)`,
);
const insertRun = db.prepare(`INSERT INTO runs (id, workflow_id, version, event_id, status, error, created_at) VALUES (?, ?, 1, ?, ?, ?, ?)`);
for (let w = 0; w < WORKFLOWS; w++) db.prepare(`INSERT INTO workflows (id, name, active, current_version, created_at, updated_at) VALUES (?, ?, 1, 1, 0, 0)`).run(`wf_${w}`, `wf ${w}`);
const BATCH = 50_000;
for (let start = 0; start < RUNS; start += BATCH) {
  db.transaction(() => {
    for (let i = start; i < Math.min(RUNS, start + BATCH); i++) {
      const wf = `wf_${i % WORKFLOWS}`;
      const at = START + i * STEP;
      const failed = i % 50 === 0;
      const body = Buffer.from(JSON.stringify({ type: 'payment_intent.succeeded', data: { object: { id: `pi_${i}`, amount: i % 10_000, customer: `cus_${i % 5_000}` } } }));
      insertEvent.run(`evt_${i}`, wf, `evt_stripe_${i}`, body, at);
      insertRun.run(
        `run_${String(i).padStart(8, '0')}`,
        wf,
        `evt_${i}`,
        failed ? 'failed' : 'succeeded',
        failed ? JSON.stringify({ code: 'step_failed', message: 'x', cause: i % 100 === 0 ? 'http_5xx' : 'timeout' }) : null,
        at,
      );
    }
  })();
}
db.pragma('optimize');
const loadMs = performance.now() - t0;

const time = (label, filter, reps = 7) => {
  const ms = [];
  let n = 0;
  for (let r = 0; r < reps; r++) {
    const f = typeof filter === 'function' ? filter(r) : filter;
    const t = performance.now();
    n = runs.list({ limit: 51, ...f }).length;
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { label, rows: n, medianMs: +ms[Math.floor(ms.length / 2)].toFixed(2), worstMs: +ms[ms.length - 1].toFixed(2) };
};
const pick = (r) => Math.floor(((r + 1) * 7919 * 104729) % RUNS);
const day = 24 * 3600 * 1000;
const mid = START + Math.floor(RUNS / 2) * STEP;
const results = [
  time('dedupeKey (event id), all workflows', (r) => ({ dedupeKey: `evt_stripe_${pick(r)}` })),
  time('dedupeKey + workflowId', (r) => ({ dedupeKey: `evt_stripe_${pick(r)}`, workflowId: `wf_${pick(r) % WORKFLOWS}` })),
  time('status=failed + errorCode=http_5xx, newest 50', { status: 'failed', errorCode: 'http_5xx' }),
  time('from/to: one hour in the middle', { from: mid, to: mid + 3_600_000 }),
  time('workflowId + one day', { workflowId: 'wf_3', from: mid, to: mid + day }),
  time('where body.data.object.id (unique) + workflowId + one day', (r) => ({
    workflowId: `wf_${(Math.floor(RUNS / 2) + r) % WORKFLOWS}`,
    from: mid,
    to: mid + day,
    where: { part: 'body', path: ['data', 'object', 'id'], value: `pi_${Math.floor(RUNS / 2) + r}` },
  })),
  time('where body.data.object.customer (1 in 5,000), newest 50, no other filter', { where: { part: 'body', path: ['data', 'object', 'customer'], value: 'cus_42' } }, 3),
  time('where body.data.object.id (unique, oldest run), no other filter: full scan', { where: { part: 'body', path: ['data', 'object', 'id'], value: 'pi_1' } }, 3),
];
const plan = db
  .prepare(`EXPLAIN QUERY PLAN SELECT * FROM runs WHERE event_id IN (SELECT id FROM events WHERE dedupe_key = ?) ORDER BY created_at DESC, id DESC LIMIT 51`)
  .all('evt_stripe_1')
  .map((p) => p.detail);
console.log(JSON.stringify({ runs: RUNS, loadSeconds: +(loadMs / 1000).toFixed(1), results, dedupePlan: plan }, null, 2));
db.close();
rmSync(dir, { recursive: true, force: true });
