// `node bench/claim-scan.mjs`: what one claim of the run queue costs as the backlog grows,
// with the only busy workflow at its concurrency limit (the normal state under load), and
// with free slots. Uses the compiled job repository in dist/ on a temporary SQLite file, so
// it shows the effect of a change to the claim query directly; `node bench/claim-scan.mjs DIST`
// measures another build.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = (p) => pathToFileURL(resolve(process.argv[2] ?? 'dist', p)).href;
const { openDatabase } = await import(dist('server/store/sqlite/database.js'));
const { createJobRepo } = await import(dist('server/store/sqlite/job-repo.js'));

const dir = mkdtempSync(join(tmpdir(), 'switchyard-claim-'));
const db = openDatabase(join(dir, 'claim.db'));
db.pragma('foreign_keys = OFF'); // jobs without runs: only the queue table matters here
const jobs = createJobRepo(db);
// The workflow row exists in real use; a claim that starts from the workflows table needs it.
db.prepare(`INSERT INTO workflows (id, name, active, current_version, created_at, updated_at) VALUES ('wf_busy', 'busy', 1, 1, 0, 0)`).run();
const LIMIT = 16;
const owner = 'wrk_bench';
const far = Date.now() + 3_600_000;

const timeClaims = (n, limit) => {
  const t = performance.now();
  // Inside one transaction, as the commit queue runs it, so no fsync is timed.
  db.transaction(() => {
    for (let i = 0; i < n; i++) jobs.claim(owner, far, 30_000, limit);
  })();
  return (performance.now() - t) / n;
};
const requeue = () => db.prepare(`UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL`).run();

let inserted = 0;
const rows = [];
for (const backlog of [100, 1_000, 5_000, 20_000]) {
  db.transaction(() => {
    for (; inserted < backlog; inserted++) jobs.insert(`run_${inserted}`, 'wf_busy', inserted, LIMIT, inserted);
  })();
  requeue();
  jobs.claim(owner, far, 30_000, LIMIT); // the workflow now has LIMIT runs running
  const atLimit = timeClaims(20, LIMIT);
  requeue();
  const free = timeClaims(LIMIT, 1);
  rows.push({ queued: backlog, 'claim at the limit (ms)': +atLimit.toFixed(3), 'claim of 1 with free slots (ms)': +free.toFixed(3) });
}
console.table(rows);
db.close();
rmSync(dir, { recursive: true, force: true });
