import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openPostgresStore } from '../../../../server/store/postgres/open-postgres-store.js';
import { validateWorkflow } from '../../../../shared/graph/validate-workflow.js';
import { freshPostgresDatabase } from '../../../support/postgres.js';

const database = freshPostgresDatabase();
afterAll(async () => (await database).drop());

const HOUR = 3_600_000;

describe('leases on the database clock', () => {
  it('claims, renews and reclaims by the database time whatever time the caller passes', async () => {
    const { url } = await database;
    const opened = await openPostgresStore(url, { databaseClock: true });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { store } = opened;
      const checked = validateWorkflow({ name: 'w', nodes: [{ id: 'in', type: 'webhook', position: { x: 0, y: 0 }, config: {} }], edges: [] });
      if (!checked.ok) throw new Error('invalid workflow');
      await store.workflows.create('w', checked.workflow, Date.now(), null);
      const event = { workflowId: 'w', nodeId: 'in', dedupeKey: null, method: 'POST', path: '/', query: {}, headers: {}, body: Buffer.from('{}'), receivedAt: Date.now() };
      await store.runs.startRun({ workflowId: 'w', version: 1, concurrency: 1, now: Date.now(), event: { kind: 'new', event } });
      const dbNow = async () => Number((await client.query<{ now: string }>(`SELECT (extract(epoch from clock_timestamp()) * 1000)::bigint AS now`)).rows[0]?.now);
      const expiresAt = async () => Number((await client.query<{ at: string }>('SELECT lease_expires_at AS at FROM jobs')).rows[0]?.at);

      // A caller whose clock is an hour slow still finds the job due, and the lease runs from the database's now.
      const before = await dbNow();
      const [job] = await store.jobs.claimJobs('w1', Date.now() - HOUR, 60_000, 1);
      expect(job?.runId).toBeDefined();
      expect(await expiresAt()).toBeGreaterThanOrEqual(before + 60_000);
      expect(await expiresAt()).toBeLessThanOrEqual((await dbNow()) + 60_000);

      // A caller whose clock is an hour fast reclaims nothing that is still live on the database's clock.
      expect(await store.jobs.reclaimExpiredLeases(Date.now() + HOUR)).toBe(0);

      // A renewal extends the lease by its length from the database's now; one cut to nothing lets the reaper take it.
      const lease = { runId: job?.runId ?? '', owner: 'w1', claims: job?.claims ?? 0 };
      expect(await store.jobs.renewLease(lease, Date.now() + 120_000)).toBe(true);
      expect(await expiresAt()).toBeGreaterThan(before + 100_000);
      expect(await store.jobs.renewLease(lease, Date.now() - HOUR)).toBe(true);
      await new Promise((r) => setTimeout(r, 5));
      expect(await store.jobs.reclaimExpiredLeases(Date.now() - HOUR)).toBe(1);
    } finally {
      await client.end();
      await opened.close();
    }
  });
});
