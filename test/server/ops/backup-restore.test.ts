import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { cli, freePort, startServerProcess } from '../../support/server-process.js';
import { tempDir } from '../../support/temp-dir.js';
import { hookToHttp } from '../../support/workflows.js';

// Needs dist/ (npx tsc -p tsconfig.build.json): the server and the CLI run as child processes.
const live = tempDir('switchyard-live-');
const fresh = tempDir('switchyard-restored-');
const files = tempDir('switchyard-backups-');
afterAll(() => [live, fresh, files].forEach((d) => d.cleanup()));

const failure = (p: Promise<unknown>) =>
  p.then(
    () => '',
    (e: { stderr?: string }) => e.stderr ?? String(e),
  );

describe('backup and restore', () => {
  it('backs up while runs stream through a live server, and restores into a fresh data dir intact and complete', async () => {
    const rcv = await startReceiver();
    const env = { PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: live.path, EGRESS_ALLOW: '127.0.0.1/32' };
    const srv = await startServerProcess(env);
    const key = (await cli(['api-key', 'create', '--name', 'backup-test'], env)).trim().split('\n').pop();
    const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const wf = await (await fetch(`${srv.base}/api/workflows`, { method: 'POST', headers: auth, body: JSON.stringify(hookToHttp(`${rcv.url}/in`)) })).json();
    const activated = await (await fetch(`${srv.base}/api/workflows/${wf.id}/activate`, { method: 'POST', headers: auth })).json();
    const hook = `${srv.base}${new URL(activated.hooks[0].url).pathname}`;

    // Eight senders post events until told to stop (and at most 400 each).
    let stop = false;
    const acked: string[] = [];
    const sender = async (s: number) => {
      for (let i = 0; i < 400 && !stop; i++) {
        const res = await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n: s * 1000 + i }) });
        if (res.status === 202) acked.push(((await res.json()) as { runId: string }).runId);
      }
    };
    const senders = Array.from({ length: 8 }, (_, s) => sender(s));
    while (acked.length < 100) await new Promise((r) => setTimeout(r, 20));
    const ackedBefore = acked.length;
    const file = join(files.path, 'switchyard.backup.db');
    const printed = await cli(['backup', file], env);
    const ackedAfter = acked.length;
    stop = true;
    await Promise.all(senders);
    expect(printed).toMatch(/Backed up to .*integrity ok/);
    expect(ackedAfter).toBeGreaterThan(ackedBefore);

    // The backup on its own: one self-contained file, intact, with every run's event and no dangling row.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('foreign_key_check')).toEqual([]);
    const backedRuns = (copy.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;
    expect(backedRuns).toBeGreaterThanOrEqual(ackedBefore);
    expect(backedRuns).toBeLessThanOrEqual(ackedAfter);
    expect(copy.prepare('SELECT count(*) AS n FROM runs r LEFT JOIN events e ON e.id = r.event_id WHERE e.id IS NULL').get()).toEqual({ n: 0 });
    expect(copy.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: backedRuns });
    const backedIds = new Set((copy.prepare('SELECT id FROM runs').all() as Array<{ id: string }>).map((r) => r.id));
    copy.close();
    // Everything acknowledged before the backup began is in it.
    for (const id of acked.slice(0, ackedBefore)) expect(backedIds.has(id)).toBe(true);

    // Restore refuses a data dir a server is using.
    expect(await failure(cli(['restore', file], env))).toMatch(/Another Switchyard server \(pid \d+\) is using/);
    await srv.stop();

    // Into a fresh data dir: same runs, and a server there finishes the ones that were in flight.
    const env2 = { ...env, PORT: String(await freePort()), DATA_DIR: fresh.path };
    expect(await cli(['restore', file], env2)).toMatch(new RegExp(`integrity ok\\): 1 workflows, ${backedRuns} runs, ${backedRuns} events`));
    const srv2 = await startServerProcess(env2);
    try {
      const unfinished = async () => {
        const db = new Database(join(fresh.path, 'switchyard.db'), { readonly: true });
        try {
          return (db.prepare(`SELECT count(*) AS n FROM runs WHERE status NOT IN ('succeeded', 'failed', 'cancelled')`).get() as { n: number }).n;
        } finally {
          db.close();
        }
      };
      for (let i = 0; i < 300 && (await unfinished()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await unfinished()).toBe(0);
      const runs = await (await fetch(`${srv2.base}/api/runs?limit=500&status=succeeded`, { headers: auth })).json();
      expect(runs.runs.length).toBe(Math.min(500, backedRuns));
    } finally {
      await srv2.stop();
      await rcv.close();
    }

    // Restoring again keeps the database that was there aside.
    expect(await cli(['restore', file], env2)).toMatch(/The previous database is now .*switchyard\.db\.before-restore-/);
    expect(readdirSync(fresh.path).some((f) => f.startsWith('switchyard.db.before-restore-'))).toBe(true);
  }, 120_000);

  it('refuses files that are not Switchyard backups, and never overwrites a file', async () => {
    const env = { DATA_DIR: fresh.path };
    const text = join(files.path, 'notes.txt');
    writeFileSync(text, 'this is not a database, just some words long enough to fill a header page');
    expect(await failure(cli(['restore', text], env))).toMatch(/is not a SQLite database/);
    const other = join(files.path, 'other.db');
    new Database(other).exec('CREATE TABLE t (x)');
    expect(await failure(cli(['restore', other], env))).toMatch(/is not a Switchyard database: it has no workflows/);
    expect(await failure(cli(['backup', other], env))).toMatch(/exists already/);
    expect(await failure(cli(['restore', join(files.path, 'missing.db')], env))).toMatch(/There is no file/);
  }, 60_000);
});
