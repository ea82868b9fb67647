import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../../server/store/postgres/open-postgres-store.js';
import type { RejectedRequest, RejectionCount } from '../../../../server/store/ports/rejections.js';
import { freshPostgresDatabase } from '../../../support/postgres.js';

const database = freshPostgresDatabase();
afterAll(async () => (await database).drop());

const refusal = (nodeId: string, at: number): RejectedRequest & { at: number } => ({
  workflowId: 'wf',
  nodeId,
  status: 429,
  reason: 'rate_limited',
  source: null,
  method: 'POST',
  size: at,
  headers: {},
  at,
});

// Two stores over one database are two processes' pools: each flushes its own refusals and
// counts, as the rejection inbox and counter of every web process do.
describe('refusals from two stores (two pools, as two processes)', () => {
  it('keep at most the bound per trigger however the batches interleave', async () => {
    const { url } = await database;
    const [one, two] = [await openPostgresStore(url, { max: 6 }), await openPostgresStore(url, { max: 6 })];
    try {
      const KEEP = 5;
      const batch = (k: number) => Array.from({ length: 8 }, (_, i) => refusal(i % 2 === 0 ? 'a' : 'b', k * 100 + i));
      // 24 batches at once, 12 from each store, every one over the bound on both triggers.
      await Promise.all(Array.from({ length: 24 }, (_, k) => (k % 2 === 0 ? one : two).store.rejections.addRequests(batch(k), KEEP, null)));
      for (const nodeId of ['a', 'b']) {
        const kept = await one.store.rejections.listRequests('wf', { nodeId, beforeId: Number.MAX_SAFE_INTEGER, since: 0, limit: 100 });
        expect(kept).toHaveLength(KEEP);
      }
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('sum counts of the same buckets flushed at once in opposite orders, without a deadlock', async () => {
    const { url } = await database;
    const [one, two] = [await openPostgresStore(url, { max: 6 }), await openPostgresStore(url, { max: 6 })];
    try {
      const buckets: RejectionCount[] = Array.from({ length: 40 }, (_, i) => ({ workflowId: 'wf', nodeId: `n${i % 4}`, minute: 1_000 + i, reason: 'signature_mismatch', count: 1 }));
      const reversed = [...buckets].reverse();
      await Promise.all(Array.from({ length: 20 }, (_, k) => (k % 2 === 0 ? one.store.rejections.addCounts(buckets, null) : two.store.rejections.addCounts(reversed, null))));
      const rows = await one.store.rejections.countsSince('wf', 1_000);
      expect(rows).toHaveLength(40);
      expect(rows.every((r) => r.count === 20)).toBe(true);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
