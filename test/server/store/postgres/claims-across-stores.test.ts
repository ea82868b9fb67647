import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../../server/store/postgres/open-postgres-store.js';
import { validateWorkflow } from '../../../../shared/graph/validate-workflow.js';
import type { ClaimedJob } from '../../../../server/engine/records.js';
import type { Store } from '../../../../server/store/ports/store.js';
import { freshPostgresDatabase } from '../../../support/postgres.js';

const database = freshPostgresDatabase();
afterAll(async () => (await database).drop());

const LIMITS: Record<string, number> = { a: 1, b: 2, c: 5 };
const JOBS_PER_WORKFLOW = 15;

async function seed(store: Store): Promise<void> {
  for (const [id, concurrency] of Object.entries(LIMITS)) {
    const checked = validateWorkflow({ name: id, nodes: [{ id: 'in', type: 'webhook', position: { x: 0, y: 0 }, config: {} }], edges: [] });
    if (!checked.ok) throw new Error('invalid workflow');
    await store.workflows.create(id, checked.workflow, 0, null);
    for (let i = 0; i < JOBS_PER_WORKFLOW; i++) {
      const event = { workflowId: id, nodeId: 'in', dedupeKey: null, method: 'POST', path: '/', query: {}, headers: {}, body: Buffer.from('{}'), receivedAt: i };
      await store.runs.startRun({ workflowId: id, version: 1, concurrency, now: i, event: { kind: 'new', event } });
    }
  }
}

describe('claims from two stores (two pools, as two processes)', () => {
  it("never hand one job to two workers and never exceed a workflow's concurrency", async () => {
    const { url } = await database;
    const one = await openPostgresStore(url, { max: 4 });
    const two = await openPostgresStore(url, { max: 4 });
    try {
      await seed(one.store);
      const held = new Map<string, { job: ClaimedJob; owner: string }>();
      const done = new Set<string>();
      let round = 0;
      while (done.size < Object.keys(LIMITS).length * JOBS_PER_WORKFLOW) {
        round++;
        if (round > 500) throw new Error('the queue did not drain');
        // Six claimers at once, three on each store.
        const claimers = ['1a', '1b', '1c', '2a', '2b', '2c'].map((owner) => ({ owner, store: owner.startsWith('1') ? one.store : two.store }));
        const results = await Promise.all(claimers.map((c) => c.store.jobs.claimJobs(c.owner, 1_000 + round, 60_000, 3)));
        results.forEach((jobs, i) => {
          for (const job of jobs) {
            expect(held.has(job.runId) || done.has(job.runId), `job ${job.runId} claimed twice`).toBe(false);
            held.set(job.runId, { job, owner: claimers[i]?.owner ?? '' });
          }
        });
        for (const [workflowId, limit] of Object.entries(LIMITS)) {
          expect([...held.values()].filter((h) => h.job.workflowId === workflowId).length).toBeLessThanOrEqual(limit);
        }
        // Every other round, finish half of what is held (alternating), from whichever store claimed it.
        const finishing = [...held.values()].filter((_, i) => (i + round) % 2 === 0);
        for (const h of finishing) {
          const store = h.owner.startsWith('1') ? one.store : two.store;
          expect(await store.jobs.complete({ runId: h.job.runId, owner: h.owner, claims: h.job.claims }, 'succeeded', 2_000 + round)).toBe(true);
          held.delete(h.job.runId);
          done.add(h.job.runId);
        }
      }
      expect((await one.store.jobs.depth()).filter((d) => d.n > 0)).toEqual([]);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
