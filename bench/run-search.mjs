// `node bench/run-search.mjs [RUNS] [--pg] [--dist=DIR]`: the runs search of GET /api/runs over a
// large store (1,000,000 runs by default): by dedupe key (a provider's event id), by status and
// error code, by a time range, and by a value at a JSON path of the trigger body, newest 50
// first. Uses the compiled run repositories in dist/ on a temporary SQLite file (or, with --pg,
// a temporary PostgreSQL database on SWITCHYARD_TEST_PG_URL) with every migration applied, so
// the figures are the real queries and indexes. Rows are seeded by bulk SQL, not over HTTP.
// Prints the median and worst of several calls; a `where` search reports whether its answer
// was truncated at the examined window (RUN_SEARCH_EXAMINE runs) and how many calls a client
// following the cursor needs to reach the oldest run. `--keep=DIR` keeps the filled store for
// the next run instead of refilling it (SQLite: DIR/run-search-<RUNS>.db; PostgreSQL: database
// sy_bench_keep_<RUNS>); a kept store gets the migrations added since, as an upgrade would.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const RUNS = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const PG = args.includes('--pg');
const distDir = args.find((a) => a.startsWith('--dist='))?.slice(7) ?? 'dist';
const KEEP = args.find((a) => a.startsWith('--keep='))?.slice(7);
const dist = (p) => pathToFileURL(resolve(distDir, p)).href;
const { RUN_SEARCH_EXAMINE } = await import(dist('server/store/trigger-value-probe.js'));

const WORKFLOWS = 20;
const START = Date.UTC(2026, 0, 1);
const STEP = 1_000; // one run a second per the whole store: 1,000,000 runs span about 11.5 days

/** The SQLite store: one transaction per 50,000 rows through prepared statements. */
async function openSqlite() {
  const { openDatabase } = await import(dist('server/store/sqlite/database.js'));
  const { createRunRepo } = await import(dist('server/store/sqlite/run-repo.js'));
  const dir = KEEP ?? mkdtempSync(join(tmpdir(), 'switchyard-search-'));
  if (KEEP) mkdirSync(KEEP, { recursive: true });
  const file = join(dir, KEEP ? `run-search-${RUNS}.db` : 'search.db');
  const kept = KEEP !== undefined && existsSync(file);
  const db = openDatabase(file);
  const insertEvent = db.prepare(
    `INSERT INTO events (id, workflow_id, node_id, dedupe_key, method, path, query, headers, body, received_at) VALUES (?, ?, 'hook', ?, 'POST', '/hooks/x', '{}', '{"content-type":"application/json"}', ?, ?)`,
  );
  const insertRun = db.prepare(`INSERT INTO runs (id, workflow_id, version, event_id, status, error, created_at) VALUES (?, ?, 1, ?, ?, ?, ?)`);
  if (!kept) fillSqlite(db, insertEvent, insertRun);
  db.pragma('optimize');
  const runs = createRunRepo(db);
  const explain = (sql, ...params) =>
    db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((p) => p.detail);
  return {
    list: async (f) => runs.list(f),
    search: async (f, cap) => runs.search(f, cap),
    declare: async (workflowId, paths) => runs.declareSearchPaths(workflowId, paths),
    plans: () => ({
      errorCode: explain(`SELECT * FROM runs WHERE error IS NOT NULL AND json_extract(error, '$.cause') = ? ORDER BY created_at DESC, id DESC LIMIT 51`, 'http_5xx'),
    }),
    close: async () => {
      db.close();
      if (!KEEP) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** RUNS runs and their events into a fresh SQLite store. */
function fillSqlite(db, insertEvent, insertRun) {
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
}

/** PostgreSQL: a fresh database, rows made by generate_series inside the server. */
async function openPostgres() {
  const { default: pg } = await import('pg');
  const { openPostgresStore } = await import(dist('server/store/postgres/open-postgres-store.js'));
  const adminUrl = process.env.SWITCHYARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = KEEP ? `sy_bench_keep_${RUNS}` : `sy_bench_${process.pid}`;
  const admin = async (sql) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  const exists = async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    return (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]).finally(() => c.end())).rowCount === 1;
  };
  const kept = KEEP !== undefined && (await exists());
  if (!kept) await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const opened = await openPostgresStore(url.toString());
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  if (!kept) await fillPostgres(c);
  return {
    list: (f) => opened.store.runs.list(f),
    search: (f, cap) => opened.store.runs.search(f, cap),
    declare: (workflowId, paths) => opened.store.runs.declareSearchPaths(workflowId, paths),
    plans: async () => ({
      statusErrorCode: (await c.query(`EXPLAIN SELECT id FROM runs WHERE status = $1 AND (error::jsonb ->> 'cause') = $2 ORDER BY created_at DESC, id DESC LIMIT 51`, ['failed', 'http_5xx'])).rows.map(
        (r) => r['QUERY PLAN'],
      ),
    }),
    close: async () => {
      await c.end();
      await opened.close();
      if (!KEEP) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** RUNS runs and their events into a fresh PostgreSQL database, then its statistics. */
async function fillPostgres(c) {
  await c.query(`INSERT INTO workflows (id, name, active, current_version, created_at, updated_at) SELECT 'wf_' || w, 'wf ' || w, true, 1, 0, 0 FROM generate_series(0, ${WORKFLOWS - 1}) w`);
  const BATCH = 100_000;
  for (let start = 0; start < RUNS; start += BATCH) {
    const end = Math.min(RUNS, start + BATCH) - 1;
    await c.query(`INSERT INTO events (id, workflow_id, node_id, dedupe_key, method, path, query, headers, body, received_at)
      SELECT 'evt_' || i, 'wf_' || (i % ${WORKFLOWS}), 'hook', 'evt_stripe_' || i, 'POST', '/hooks/x', '{}', '{"content-type":"application/json"}',
        convert_to(json_build_object('type', 'payment_intent.succeeded', 'data', json_build_object('object', json_build_object('id', 'pi_' || i, 'amount', i % 10000, 'customer', 'cus_' || (i % 5000))))::text, 'UTF8'),
        ${START} + i::bigint * ${STEP}
      FROM generate_series(${start}, ${end}) i`);
    await c.query(`INSERT INTO runs (id, workflow_id, version, event_id, status, error, created_at)
      SELECT 'run_' || lpad(i::text, 8, '0'), 'wf_' || (i % ${WORKFLOWS}), 1, 'evt_' || i, CASE WHEN i % 50 = 0 THEN 'failed' ELSE 'succeeded' END,
        CASE WHEN i % 50 = 0 THEN json_build_object('code', 'step_failed', 'message', 'x', 'cause', CASE WHEN i % 100 = 0 THEN 'http_5xx' ELSE 'timeout' END)::text END,
        ${START} + i::bigint * ${STEP}
      FROM generate_series(${start}, ${end}) i`);
  }
  await c.query('VACUUM ANALYZE events');
  await c.query('VACUUM ANALYZE runs');
}

const t0 = performance.now();
const store = PG ? await openPostgres() : await openSqlite();
const loadMs = performance.now() - t0;

/** Median and worst of `reps` calls; a `where` filter goes through the bounded search, as the API does. */
const time = async (label, filter, reps = 7) => {
  const ms = [];
  let n = 0;
  let truncated = false;
  for (let r = 0; r < reps; r++) {
    const f = { limit: 51, ...(typeof filter === 'function' ? filter(r) : filter) };
    const t = performance.now();
    if (f.where) {
      const page = await store.search(f, RUN_SEARCH_EXAMINE);
      n = page.rows.length;
      truncated = page.examinedTo !== null && n < f.limit;
    } else n = (await store.list(f)).length;
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { label, rows: n, ...(filter.where || typeof filter === 'function' ? { truncated } : {}), medianMs: +ms[Math.floor(ms.length / 2)].toFixed(2), worstMs: +ms[ms.length - 1].toFixed(2) };
};

/** A client following the cursor until the oldest run: calls and total time for a value only the oldest run holds. */
async function walkToOldest(where, extra = {}) {
  let before;
  let calls = 0;
  const ms = [];
  for (;;) {
    calls++;
    const t = performance.now();
    const page = await store.search({ where, limit: 51, before, ...extra }, RUN_SEARCH_EXAMINE);
    ms.push(performance.now() - t);
    if (page.rows.length || !page.examinedTo) return { calls, found: page.rows.length, totalMs: Math.round(ms.reduce((a, b) => a + b, 0)), worstCallMs: Math.round(Math.max(...ms)) };
    before = page.examinedTo;
  }
}

const pick = (r) => Math.floor(((r + 1) * 7919 * 104729) % RUNS);
const day = 24 * 3600 * 1000;
const mid = START + Math.floor(RUNS / 2) * STEP;
const body = (path, value) => ({ where: { part: 'body', path, value } });
const results = [
  await time('dedupeKey (event id), all workflows', (r) => ({ dedupeKey: `evt_stripe_${pick(r)}` })),
  await time('dedupeKey + workflowId', (r) => ({ dedupeKey: `evt_stripe_${pick(r)}`, workflowId: `wf_${pick(r) % WORKFLOWS}` })),
  await time('errorCode=http_5xx (1 run in 100), newest 50', { errorCode: 'http_5xx' }),
  await time('status=failed + errorCode=http_5xx, newest 50', { status: 'failed', errorCode: 'http_5xx' }),
  await time('errorCode that no run has', { errorCode: 'no_such_code' }),
  await time('status=failed + one hour in the middle', { status: 'failed', from: mid, to: mid + 3_600_000 }),
  await time('from/to: one hour in the middle', { from: mid, to: mid + 3_600_000 }),
  await time('workflowId + one day', { workflowId: 'wf_3', from: mid, to: mid + day }),
  await time('where body.data.object.id (unique, recent) + workflowId + one day', (r) => ({
    workflowId: `wf_${(Math.floor(RUNS / 2) + r) % WORKFLOWS}`,
    from: mid,
    to: mid + day,
    ...body(['data', 'object', 'id'], `pi_${Math.floor(RUNS / 2) + r}`),
  })),
  await time('where body.type (every run), newest 50', body(['type'], 'payment_intent.succeeded')),
  await time('where body.data.object.customer (1 in 5,000), newest 50, no other filter', body(['data', 'object', 'customer'], 'cus_42'), 3),
  await time('where body.data.object.id (unique, newest run)', body(['data', 'object', 'id'], `pi_${RUNS - 1}`), 3),
  await time('where body.data.object.id (unique, oldest run), no other filter', body(['data', 'object', 'id'], 'pi_1'), 3),
];
const walk = await walkToOldest({ part: 'body', path: ['data', 'object', 'id'], value: 'pi_0' });

// A declared search path (settings.searchPaths) of one workflow: its index is made (and timed),
// searched, then dropped again so that a kept store stays as it was. wf_0 holds runs 0, 20, 40...
const declaredPath = ['data', 'object', 'id'];
const ofWf0 = { workflowId: 'wf_0' };
const walkUndeclared = await walkToOldest({ part: 'body', path: declaredPath, value: 'pi_0' }, ofWf0);
let at = performance.now();
await store.declare('wf_0', [declaredPath]);
const declareMs = Math.round(performance.now() - at);
const declared = [
  await time('declared path: body.data.object.id + workflowId (oldest run of wf_0)', { ...ofWf0, ...body(declaredPath, 'pi_0') }),
  await time('declared path: body.data.object.id + workflowId (a run of wf_0 spread over the store)', (r) => ({ ...ofWf0, ...body(declaredPath, `pi_${(pick(r) % (RUNS / WORKFLOWS)) * WORKFLOWS}`) })),
  await time('declared path: a value no run has', { ...ofWf0, ...body(declaredPath, 'pi_none') }),
];
const walkDeclared = await walkToOldest({ part: 'body', path: declaredPath, value: 'pi_0' }, ofWf0);
at = performance.now();
await store.declare('wf_0', []);
const dropMs = Math.round(performance.now() - at);
console.log(
  JSON.stringify(
    {
      store: PG ? 'postgres' : 'sqlite',
      runs: RUNS,
      examineAtMost: RUN_SEARCH_EXAMINE,
      loadSeconds: +(loadMs / 1000).toFixed(1),
      results,
      walkToOldest: walk,
      declaredPath: { declareMs, dropMs, results: declared, walkToOldestUndeclared: walkUndeclared, walkToOldestDeclared: walkDeclared },
      plans: await store.plans(),
    },
    null,
    2,
  ),
);
await store.close();
