import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../support/receiver.js';
import { cli, freePort, startServerProcess } from '../../support/server-process.js';
import { tempDir } from '../../support/temp-dir.js';
import { hookToHttp } from '../../support/workflows.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('durability across kill -9', () => {
  it('delivers every acknowledged event exactly once as a run, after a SIGKILL mid-stream and a restart', async () => {
    const rcv = await startReceiver();
    const env = { PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dir.path, EGRESS_ALLOW: '127.0.0.1/32' };
    let srv = await startServerProcess(env);
    const key = (await cli(['api-key', 'create', '--name', 'durability'], env)).trim().split('\n').pop() as string;
    const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const created = await (await fetch(`${srv.base}/api/workflows`, { method: 'POST', headers: auth, body: JSON.stringify(hookToHttp(`${rcv.url}/d`)) })).json();
    await fetch(`${srv.base}/api/workflows/${created.id}/activate`, { method: 'POST', headers: auth });
    const hook = `${srv.base}${new URL(created.hooks[0].url).pathname}`;

    const acked = new Set<number>();
    let stop = false;
    const sender = async (w: number) => {
      for (let i = 0; !stop && i < 5_000; i++) {
        const n = w * 100_000 + i;
        try {
          const res = await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n }) });
          if (res.status === 202) acked.add(n);
          await res.arrayBuffer();
        } catch {
          // the server died mid-request: this one was not acknowledged
        }
      }
    };
    const senders = Array.from({ length: 8 }, (_, w) => sender(w));
    // Kill mid-stream once a good number were acknowledged (however busy the machine is).
    for (let i = 0; i < 300 && acked.size < 200; i++) await new Promise((r) => setTimeout(r, 50));
    await srv.kill();
    stop = true;
    await Promise.all(senders);
    expect(acked.size).toBeGreaterThan(50);

    srv = await startServerProcess(env);
    const delivered = () => new Set(rcv.got.map((g) => (JSON.parse(g.body) as { n: number }).n));
    const deadline = Date.now() + 60_000;
    while ([...acked].some((n) => !delivered().has(n)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    // Let the queue drain fully before reading the database.
    for (let i = 0; i < 100; i++) {
      const q = await (await fetch(`${srv.base}/api/runs?status=queued&limit=1`, { headers: auth })).json();
      const r = await (await fetch(`${srv.base}/api/runs?status=running&limit=1`, { headers: auth })).json();
      if (!q.runs.length && !r.runs.length) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    await srv.stop();
    await rcv.close();

    const missing = [...acked].filter((n) => !delivered().has(n));
    expect(missing).toEqual([]);
    // Repeats are allowed (at least once), but each repeat carries the same idempotency key.
    const keysByN = new Map<number, Set<string>>();
    for (const g of rcv.got) {
      const n = (JSON.parse(g.body) as { n: number }).n;
      keysByN.set(n, (keysByN.get(n) ?? new Set()).add(String(g.headers['idempotency-key'])));
    }
    expect([...keysByN.values()].filter((keys) => keys.size !== 1)).toEqual([]);

    const db = new Database(join(dir.path, 'switchyard.db'), { readonly: true });
    const rows = db.prepare('SELECT r.status, e.body FROM runs r JOIN events e ON e.id = r.event_id').all() as Array<{ status: string; body: Buffer }>;
    db.close();
    const runsByN = new Map<number, string[]>();
    for (const row of rows) {
      const n = (JSON.parse(row.body.toString()) as { n: number }).n;
      runsByN.set(n, [...(runsByN.get(n) ?? []), row.status]);
    }
    const notExactlyOne = [...acked].filter((n) => runsByN.get(n)?.length !== 1 || runsByN.get(n)?.[0] !== 'succeeded');
    expect(notExactlyOne).toEqual([]);
  }, 120_000);
});
