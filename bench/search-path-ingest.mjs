// `node bench/search-path-ingest.mjs [EVENTS] [--dist=DIR]`: what one declared search path
// (settings.searchPaths) costs at ingest on SQLite. The real store from dist/ (the commit
// queue's group commit, WAL with the off-loop fsync, production pragmas) stores a run and its
// ~2 KB Stripe-like event per startRun, 20 at a time; CPU time of the process per event, with
// no declared path and with `trigger.body.data.object.id` declared for the workflow. Each store
// is first filled with EVENTS events, so the index has depth; the two take turns for ROUNDS
// rounds, so that load from other work on the machine falls on both alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const EVENTS = Number(args.find((a) => /^\d+$/.test(a)) ?? 20_000);
const distDir = args.find((a) => a.startsWith('--dist='))?.slice(7) ?? 'dist';
const dist = (p) => pathToFileURL(resolve(distDir, p)).href;
const { openDatabase } = await import(dist('server/store/sqlite/database.js'));
const { createCommitQueue } = await import(dist('server/store/sqlite/commit-queue.js'));
const { createSqliteStore } = await import(dist('server/store/sqlite/create-sqlite-store.js'));
const { openWalSync } = await import(dist('server/store/sqlite/open-wal-sync.js'));
const { validateWorkflow } = await import(dist('shared/graph/validate-workflow.js'));
const { pino } = await import('pino');

const ROUNDS = 3;
const CONCURRENT = 20;
const padding = 'x'.repeat(1_500);
const body = (i) =>
  Buffer.from(
    JSON.stringify({
      id: `evt_${i}`,
      object: 'event',
      type: 'payment_intent.succeeded',
      data: { object: { id: `pi_${i}`, object: 'payment_intent', amount: i % 10_000, currency: 'usd', customer: `cus_${i % 5_000}`, description: padding } },
    }),
  );

async function open(declared) {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-search-path-'));
  const db = openDatabase(join(dir, 'ingest.db'));
  const walSync = openWalSync(db, pino({ level: 'silent' }));
  const store = createSqliteStore(db, createCommitQueue(db, { durable: walSync?.afterCommit }));
  const checked = validateWorkflow({ name: 'wf', nodes: [{ id: 'in', type: 'webhook', position: { x: 0, y: 0 }, config: {} }], edges: [] });
  await store.workflows.create('wf', checked.workflow, 0, null);
  if (declared) await store.runs.declareSearchPaths('wf', [['data', 'object', 'id']]);
  let next = 0;
  /** `n` events, CONCURRENT at a time (they share group commits, as concurrent webhooks do); CPU ms spent. */
  const ingest = async (n) => {
    const cpu = process.cpuUsage();
    for (let done = 0; done < n; done += CONCURRENT) {
      await Promise.all(
        Array.from({ length: CONCURRENT }, () => {
          const i = next++;
          const event = { workflowId: 'wf', nodeId: 'in', dedupeKey: null, method: 'POST', path: '/hooks/x', query: {}, headers: { 'content-type': 'application/json' }, body: body(i), receivedAt: i };
          return store.runs.startRun({ workflowId: 'wf', version: 1, concurrency: 10, now: i, event: { kind: 'new', event } });
        }),
      );
    }
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000;
  };
  await ingest(EVENTS);
  return {
    ingest,
    close: () => {
      walSync?.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const plain = await open(false);
const declared = await open(true);
const cpu = { plain: 0, declared: 0 };
// Whole groups of CONCURRENT, so both stores take exactly `per` events a round.
const per = Math.ceil(EVENTS / ROUNDS / CONCURRENT) * CONCURRENT;
for (let r = 0; r < ROUNDS; r++) {
  cpu.plain += await plain.ingest(per);
  cpu.declared += await declared.ingest(per);
}
plain.close();
declared.close();
const usPerEvent = (ms) => +((ms * 1000) / (per * ROUNDS)).toFixed(1);
console.log(
  JSON.stringify(
    {
      prefilledEvents: EVENTS,
      measuredEvents: per * ROUNDS,
      bodyBytes: body(0).length,
      cpuUsPerEvent: { noDeclaredPath: usPerEvent(cpu.plain), oneDeclaredPath: usPerEvent(cpu.declared) },
      ratio: +(cpu.declared / cpu.plain).toFixed(2),
    },
    null,
    2,
  ),
);
