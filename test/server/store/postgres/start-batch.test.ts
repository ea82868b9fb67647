import { describe, expect, it } from 'vitest';
import pg from 'pg';
import type { StartRun } from '../../../../server/store/ports/runs.js';
import { useStoreOnPostgres } from './store-on-postgres.js';
import { event } from '../contract/contract-fixtures.js';

// The PostgreSQL group commit of run starts (start-batcher.ts), against a real server: what one
// event-loop turn starts shares one transaction, and a failing statement fails all of it.
const on = useStoreOnPostgres();

const start = (n: number, over: Partial<StartRun> = {}) =>
  on.opened.store.runs.startRun({
    workflowId: 'wf',
    version: 1,
    concurrency: 4,
    now: 1_000 + n,
    event: { kind: 'new', event: event('wf', { dedupeKey: `k${n}`, body: Buffer.from(`{"n":${n}}`) }) },
    ...over,
  });
const count = async (table: string) => Number((await on.sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);

describe('PostgreSQL: run starts of one turn are group-committed', () => {
  it('stores the starts of one turn in one transaction: every row carries the same transaction id', async () => {
    const results = await Promise.all(Array.from({ length: 120 }, (_, n) => start(n)));
    expect(results.every((r) => r.kind === 'started')).toBe(true);
    const xids = await on.sql.query<{ events: string; runs: string; jobs: string }>(
      `SELECT (SELECT count(DISTINCT xmin::text) FROM events) AS events, (SELECT count(DISTINCT xmin::text) FROM runs) AS runs, (SELECT count(DISTINCT xmin::text) FROM jobs) AS jobs`,
    );
    expect(xids.rows[0]).toEqual({ events: '1', runs: '1', jobs: '1' });
    expect(await count('jobs')).toBe(120);
  });

  it('rejects every start of a batch when one of its statements fails, and stores none of them', async () => {
    const before = [await count('events'), await count('runs'), await count('jobs')];
    // A NUL character is refused by PostgreSQL in a text column: the events INSERT of the whole batch fails.
    const bad = event('wf', { dedupeKey: 'bad', path: '/hooks/\u0000' });
    const settled = await Promise.allSettled([start(1_001), start(1_002), start(1_003, { event: { kind: 'new', event: bad } }), start(1_004)]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect([await count('events'), await count('runs'), await count('jobs')]).toEqual(before);
    // The next turn's batch is not affected.
    expect((await start(1_005)).kind).toBe('started');
    expect((await start(1_001)).kind).toBe('started');
  });

  it('a duplicate of a key another process is committing waits for it and resolves to its run', async () => {
    // A second store (another process's) starts the key inside a transaction it holds open.
    const other = new pg.Client({ connectionString: on.database.url });
    await other.connect();
    await other.query('BEGIN');
    await other.query(
      `INSERT INTO events (id, workflow_id, node_id, dedupe_key, method, path, query, headers, body, received_at) VALUES ('evt_other', 'wf', 'in', 'held-open', 'POST', '/', '{}', '{}', '\\x'::bytea, 1)`,
    );
    await other.query(`INSERT INTO runs (id, workflow_id, version, event_id, status, created_at) VALUES ('run_other', 'wf', 1, 'evt_other', 'queued', 1)`);
    const waiting = on.opened.store.runs.startRun({ workflowId: 'wf', version: 1, concurrency: 4, now: 5, event: { kind: 'new', event: event('wf', { dedupeKey: 'held-open' }) } });
    const alongside = start(2_000);
    // The batch waits on the other transaction's key; it commits, and the duplicate finds its run.
    await new Promise((r) => setTimeout(r, 300));
    await other.query('COMMIT');
    await other.end();
    expect(await waiting).toEqual({ kind: 'duplicate', original: { runId: 'run_other', eventId: 'evt_other' } });
    expect((await alongside).kind).toBe('started');
  });
});
