import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, freePort, startServerProcess } from '../../support/server-process.js';
import { tempDir } from '../../support/temp-dir.js';
import { node } from '../../support/workflows.js';

// Needs the built server: `npx tsc -p tsconfig.build.json`.
const dir = tempDir();
afterAll(() => dir.cleanup());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Fired {
  scheduledAt: number;
  firedAt: number;
  status: string;
}

/** Every scheduled run of a workflow, read straight from the SQLite file once the server is gone. */
function firedRuns(workflowId: string): Fired[] {
  const db = new Database(join(dir.path, 'switchyard.db'), { readonly: true });
  try {
    const rows = db.prepare(`SELECT e.body AS body, r.status AS status FROM runs r JOIN events e ON e.id = r.event_id WHERE r.workflow_id = ? AND e.method = 'SCHEDULE'`).all(workflowId) as Array<{
      body: Buffer;
      status: string;
    }>;
    return rows
      .map((r) => {
        const b = JSON.parse(r.body.toString()) as { scheduledAt: string; firedAt: string };
        return { scheduledAt: Date.parse(b.scheduledAt), firedAt: Date.parse(b.firedAt), status: r.status };
      })
      .sort((a, b) => a.scheduledAt - b.scheduledAt);
  } finally {
    db.close();
  }
}

/** When the restarted server's scheduler made its first pass: every tick at or before it had fallen due while it was down. */
function firstPassAt(output: string): number {
  const line = output.split('\n').find((l) => l.includes('scheduler: first pass'));
  if (!line) throw new Error(`no first-pass line in the server log:\n${output}`);
  return Date.parse((JSON.parse(line) as { at: string }).at);
}

describe('schedules across kill -9', () => {
  it('never fire a tick twice; after the restart runOnce runs one catch-up for the gap and skip runs none', async () => {
    const env = { PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dir.path, LOG_LEVEL: 'info' };
    let srv = await startServerProcess(env);
    const key = (await cli(['api-key', 'create', '--name', 'schedules'], env)).trim().split('\n').pop();
    const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const call = async (path: string, method = 'GET', body?: unknown) =>
      (await fetch(`${srv.base}${path}`, { method, headers: auth, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })).json();
    const ids: Record<'runOnce' | 'skip', string> = { runOnce: '', skip: '' };
    for (const missed of ['runOnce', 'skip'] as const) {
      const wf = await call('/api/workflows', 'POST', { name: missed, nodes: [node('tick', 'schedule', { mode: 'interval', every: '1s', missed })], edges: [] });
      ids[missed] = wf.id;
      await call(`/api/workflows/${wf.id}/activate`, 'POST');
    }
    const runCount = async (id: string) => ((await call(`/api/runs?workflowId=${id}&limit=500`)).runs as unknown[]).length;
    for (let i = 0; i < 400 && ((await runCount(ids.runOnce)) < 2 || (await runCount(ids.skip)) < 2); i++) await sleep(50);

    await srv.kill();
    const killedAt = Date.now();
    await sleep(3_000); // several ticks fall due while nothing runs
    srv = await startServerProcess(env);
    // The health check can answer before the workers and the scheduler have started.
    for (let i = 0; i < 200 && !srv.output().includes('scheduler: first pass'); i++) await sleep(50);
    const restartedAt = firstPassAt(srv.output());
    const after = async (id: string) => ((await call(`/api/runs?workflowId=${id}&limit=500`)).runs as unknown[]).length;
    const before = { runOnce: firedRuns(ids.runOnce).length, skip: firedRuns(ids.skip).length };
    for (let i = 0; i < 400 && ((await after(ids.runOnce)) < before.runOnce + 3 || (await after(ids.skip)) < before.skip + 2); i++) await sleep(50);
    for (const id of Object.values(ids)) await call(`/api/workflows/${id}/deactivate`, 'POST');
    for (let i = 0; i < 400; i++) {
      const runs = [
        ...((await call(`/api/runs?workflowId=${ids.runOnce}&limit=500`)).runs as Array<{ status: string }>),
        ...((await call(`/api/runs?workflowId=${ids.skip}&limit=500`)).runs as Array<{ status: string }>),
      ];
      if (runs.every((r) => r.status === 'succeeded' || r.status === 'failed')) break;
      await sleep(50);
    }
    await srv.stop();

    for (const missed of ['runOnce', 'skip'] as const) {
      const runs = firedRuns(ids[missed]);
      // One run per tick, and every run succeeded.
      expect(new Set(runs.map((r) => r.scheduledAt)).size).toBe(runs.length);
      expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
      const lastBeforeKill = Math.max(...runs.filter((r) => r.firedAt < killedAt).map((r) => r.scheduledAt));
      expect(restartedAt - lastBeforeKill).toBeGreaterThan(3_000);
      const gap = runs.filter((r) => r.scheduledAt > lastBeforeKill && r.scheduledAt <= restartedAt);
      const regular = runs.filter((r) => r.scheduledAt > restartedAt);
      if (missed === 'runOnce') {
        // The latest tick that fell due while the server was down, once.
        expect(gap.map((r) => r.scheduledAt)).toEqual([Math.floor(restartedAt / 1000) * 1000]);
        expect(gap[0]?.firedAt).toBeGreaterThanOrEqual(restartedAt);
      } else {
        expect(gap).toEqual([]);
      }
      expect(regular.length).toBeGreaterThanOrEqual(2);
    }
    expect(srv.output()).toContain('schedule: missed ticks; running once for the latest');
    expect(srv.output()).toContain('schedule: missed ticks; skipping them');
  }, 120_000);
});
