// The storage contract, continued: credentials, endpoints, refusals, retention, statistics and
// upkeep. Written against the ports only; describeStoreContract includes it, so every
// implementation runs it. Upkeep operations are checked for their neutral meaning only
// (ports/maintenance.ts): what a checkpoint or a compaction does inside is the implementation's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SealedCredential } from '../../../../server/store/ports/credentials.js';
import type { RejectedRequest } from '../../../../server/store/ports/rejections.js';
import type { StartRun } from '../../../../server/store/ports/runs.js';
import type { Store } from '../../../../server/store/ports/store.js';
import { event, openWithTwoWorkflows } from './contract-fixtures.js';
import type { StoreFactory } from './store-contract.js';

const sealed = (id: string, name: string, over: Partial<SealedCredential> = {}): SealedCredential => ({
  id,
  name,
  type: 'basic',
  keyId: 'k1',
  iv: Buffer.from([1, 2, 3]),
  ciphertext: Buffer.from(`secret of ${id}`),
  tag: Buffer.alloc(16, 7),
  createdAt: 10,
  updatedAt: 10,
  ...over,
});

const refusal = (nodeId: string, at: number, over: Partial<RejectedRequest> = {}): RejectedRequest & { at: number } => ({
  workflowId: 'wf',
  nodeId,
  status: 429,
  reason: 'rate_limited',
  source: '203.0.113.1',
  method: 'POST',
  size: 10,
  headers: { 'user-agent': 'x' },
  at,
  ...over,
});

export function describeOpsContract(name: string, factory: StoreFactory): void {
  describe(`storage contract (operations): ${name}`, () => {
    let store: Store;
    let close: () => Promise<void>;
    beforeEach(async () => ({ store, close } = await openWithTwoWorkflows(factory)));
    afterEach(async () => close());

    const started = async (over: Partial<StartRun> = {}) => {
      const r = await store.runs.startRun({ workflowId: 'wf', version: 1, concurrency: 10, now: 1_000, event: { kind: 'new', event: event('wf') }, ...over });
      if (r.kind !== 'started') throw new Error('expected a started run');
      return r.runId;
    };

    describe('credentials', () => {
      it('stores sealed data as given, lists metadata by name without case, updates and removes', async () => {
        await store.credentials.insert(sealed('cred_b', 'beta'));
        await store.credentials.insert(sealed('cred_a', 'Alpha'));
        await store.credentials.insert(sealed('cred_c', 'alpha'));
        expect((await store.credentials.list()).map((c) => c.id)).toEqual(['cred_a', 'cred_c', 'cred_b']);
        expect(await store.credentials.list()).toContainEqual({ id: 'cred_b', name: 'beta', type: 'basic', createdAt: 10, updatedAt: 10 });
        const got = await store.credentials.get('cred_b');
        expect(got?.ciphertext.equals(Buffer.from('secret of cred_b'))).toBe(true);
        expect(got?.tag.equals(Buffer.alloc(16, 7))).toBe(true);
        expect(await store.credentials.all()).toHaveLength(3);

        const { createdAt: _createdAt, ...change } = sealed('cred_b', 'renamed', { type: 'header', ciphertext: Buffer.from('new'), updatedAt: 20 });
        expect(await store.credentials.update(change)).toBe(true);
        expect(await store.credentials.get('cred_b')).toMatchObject({ name: 'renamed', type: 'header', createdAt: 10, updatedAt: 20 });
        expect(await store.credentials.update({ ...change, id: 'cred_nope' })).toBe(false);
        expect(await store.credentials.remove('cred_b')).toBe(true);
        expect(await store.credentials.remove('cred_b')).toBe(false);
        expect(await store.credentials.get('cred_b')).toBeUndefined();
      });

      it('refuses a second credential with the same id', async () => {
        await store.credentials.insert(sealed('cred_a', 'a'));
        await expect(store.credentials.insert(sealed('cred_a', 'again'))).rejects.toThrow();
        expect((await store.credentials.get('cred_a'))?.name).toBe('a');
      });
    });

    describe('endpoints', () => {
      it('keeps the disabled mark until enabled; disabling again overwrites time and reason', async () => {
        expect(await store.endpoints.listDisabled()).toEqual([]);
        await store.endpoints.disable({ id: 'ep_b', origin: 'https://b.example', at: 5, reason: 'answered 410' });
        await store.endpoints.disable({ id: 'ep_a', origin: 'https://a.example', at: 6, reason: 'answered 410' });
        await store.endpoints.disable({ id: 'ep_b', origin: 'https://b.example', at: 7, reason: 'again' });
        expect(await store.endpoints.listDisabled()).toEqual([
          { id: 'ep_a', origin: 'https://a.example', disabledAt: 6, disabledReason: 'answered 410', updatedAt: 6 },
          { id: 'ep_b', origin: 'https://b.example', disabledAt: 7, disabledReason: 'again', updatedAt: 7 },
        ]);
        expect(await store.endpoints.enable('ep_a', 8)).toBe(true);
        expect((await store.endpoints.listDisabled()).map((e) => e.id)).toEqual(['ep_b']);
        expect(await store.endpoints.enable('ep_unknown', 9)).toBe(false);
      });
    });

    describe('rejections', () => {
      it('sums counts into minute buckets, reads a workflow from a minute on, and prunes older buckets', async () => {
        const c = (nodeId: string, minute: number, count: number, workflowId = 'wf') => ({ workflowId, nodeId, minute, reason: 'signature_mismatch', count });
        await store.rejections.addCounts([c('hook', 100, 2), c('hook', 101, 1), c('hook', 100, 0, 'wf2')], null);
        await store.rejections.addCounts([c('hook', 100, 3)], null);
        const rows = await store.rejections.countsSince('wf', 100);
        expect(rows.sort((a, b) => a.minute - b.minute)).toEqual([c('hook', 100, 5), c('hook', 101, 1)]);
        expect(await store.rejections.countsSince('wf', 101)).toEqual([c('hook', 101, 1)]);
        await store.rejections.addCounts([c('other', 200, 1)], 101);
        expect((await store.rejections.countsSince('wf', 0)).map((r) => r.minute).sort()).toEqual([101, 200]);
      });

      it('sums one batch that names a bucket twice, and counts reasons by their first 64 characters', async () => {
        const c = (reason: string, count: number) => ({ workflowId: 'wf', nodeId: 'hook', minute: 300, reason, count });
        await store.rejections.addCounts([c('rate_limited', 1), c('rate_limited', 2), c(`${'r'.repeat(64)}a`, 1), c(`${'r'.repeat(64)}b`, 1)], null);
        await store.rejections.addCounts([c('rate_limited', 4)], null);
        const rows = await store.rejections.countsSince('wf', 300);
        expect(rows.sort((a, b) => a.reason.localeCompare(b.reason))).toEqual([c('rate_limited', 7), c('r'.repeat(64), 2)]);
      });

      it('keeps the newest refusals per trigger, cuts long codes, pages newest first and prunes by age', async () => {
        await store.rejections.addRequests(
          [...Array.from({ length: 5 }, (_, i) => refusal('hook', 100 + i, { size: i })), refusal('other', 150, { reason: 'x'.repeat(100), method: 'M'.repeat(40) })],
          3,
          null,
        );
        const all = await store.rejections.listRequests('wf', { beforeId: Number.MAX_SAFE_INTEGER, since: 0, limit: 10 });
        expect(all.map((r) => r.size)).toEqual([10, 4, 3, 2]);
        expect(all[0]).toMatchObject({ nodeId: 'other', reason: 'x'.repeat(64), method: 'M'.repeat(16), headers: { 'user-agent': 'x' }, at: 150, source: '203.0.113.1', status: 429 });
        const hook = await store.rejections.listRequests('wf', { nodeId: 'hook', beforeId: Number.MAX_SAFE_INTEGER, since: 0, limit: 2 });
        expect(hook.map((r) => r.size)).toEqual([4, 3]);
        const next = await store.rejections.listRequests('wf', { nodeId: 'hook', beforeId: hook[1]?.id ?? 0, since: 0, limit: 2 });
        expect(next.map((r) => r.size)).toEqual([2]);
        expect((await store.rejections.listRequests('wf', { beforeId: Number.MAX_SAFE_INTEGER, since: 103, limit: 10 })).map((r) => r.at)).toEqual([150, 104, 103]);
        expect(await store.rejections.listRequests('wf2', { beforeId: Number.MAX_SAFE_INTEGER, since: 0, limit: 10 })).toEqual([]);
        await store.rejections.addRequests([refusal('hook', 200)], 3, 140);
        expect((await store.rejections.listRequests('wf', { beforeId: Number.MAX_SAFE_INTEGER, since: 0, limit: 10 })).map((r) => r.at)).toEqual([200, 150]);
      });
    });

    describe('retention', () => {
      it('deletes finished runs by age or beyond the newest, never an unfinished one, and their unreferenced events', async () => {
        const [r1, r2, r3] = [await started({ now: 1_000 }), await started({ now: 2_000 }), await started({ now: 3_000 })];
        expect(await store.runs.finish(r1, 'succeeded', undefined, 1_500)).toBe(true);
        expect(await store.runs.finish(r2, 'succeeded', undefined, 2_500)).toBe(true);
        const event1 = (await store.runs.get(r1))?.eventId;
        expect(await store.retention.workflowIds()).toEqual(['wf']);

        expect(await store.retention.deleteExpired('wf', ['succeeded'], { finishedBefore: 2_000, keep: null }, 10)).toEqual({ found: 1, runs: 1, events: 1 });
        expect(await store.runs.get(r1)).toBeUndefined();
        expect(await store.runs.getEvent(event1 ?? '')).toBeUndefined();
        // r3 is queued: selected by "beyond the newest 0", but never deleted.
        expect(await store.retention.deleteExpired('wf', ['succeeded', 'queued'], { finishedBefore: null, keep: 0 }, 10)).toEqual({ found: 2, runs: 1, events: 1 });
        expect(await store.runs.get(r2)).toBeUndefined();
        expect((await store.runs.get(r3))?.status).toBe('queued');
        expect(await store.retention.deleteExpired('wf', ['succeeded'], { finishedBefore: 10_000, keep: 0 }, 10)).toEqual({ found: 0, runs: 0, events: 0 });
      });

      it('deletes in batches of at most the limit per selection', async () => {
        for (let i = 0; i < 5; i++) await store.runs.finish(await started({ now: 1_000 + i }), 'failed', { code: 'x', message: 'x' }, 1_100 + i);
        expect(await store.retention.deleteExpired('wf', ['failed'], { finishedBefore: 5_000, keep: null }, 2)).toMatchObject({ found: 2, runs: 2 });
        expect(await store.retention.deleteExpired('wf', ['failed'], { finishedBefore: null, keep: 1 }, 10)).toMatchObject({ found: 2, runs: 2 });
        expect(await store.runs.countSince('wf', 0)).toBe(1);
      });

      it('shrinks step payloads over the limit to a marker, once', async () => {
        const runId = await started();
        const big = 'x'.repeat(2_000);
        await store.steps.recordStep({ runId, nodeId: 'a', attempt: 1, status: 'succeeded', startedAt: 1, finishedAt: 2, input: 'small', output: big });
        await store.runs.finish(runId, 'succeeded', undefined, 3);
        expect(await store.retention.truncateStepPayloads(runId, 0)).toBe(0);
        expect(await store.retention.truncateStepPayloads(runId, 100)).toBe(1);
        const [step] = await store.steps.forRun(runId);
        expect(step?.input).toBe('small');
        expect(step?.output).toEqual({ truncated: true, bytes: JSON.stringify(big).length, preview: JSON.stringify(big).slice(0, 50) });
        expect(await store.retention.truncateStepPayloads(runId, 100)).toBe(0);
      });
    });

    describe('statistics', () => {
      it('counts due jobs, unfinished runs per state and workflow, and rows', async () => {
        expect(await store.stats.queueDue(5_000)).toEqual({ n: 0, oldestAt: null });
        const runId = await started({ now: 1_000 });
        await started({ now: 2_000 });
        expect(await store.stats.queueDue(5_000)).toEqual({ n: 2, oldestAt: 1_000 });
        expect(await store.stats.queueDue(1_500)).toEqual({ n: 1, oldestAt: 1_000 });
        expect(await store.stats.activeRuns()).toEqual([{ status: 'queued', n: 2 }]);
        await store.runs.finish(runId, 'succeeded', undefined, 3_000);
        expect(await store.stats.perWorkflow()).toEqual([{ workflowId: 'wf', state: 'queued', n: 1, oldestAt: 2_000 }]);
        expect(await store.stats.rowCounts()).toEqual({ workflows: 2, runs: 2, steps: 0, events: 2 });
      });

      it('reports a size and keeps samples: since, at or before, the latest, and pruning', async () => {
        const size = await store.stats.storageSize();
        expect(size.dbBytes).toBeGreaterThan(0);
        expect(size.pageSize).toBeGreaterThan(0);
        expect(size.walBytes).toBeGreaterThanOrEqual(0);
        expect(size.freeBytes).toBeGreaterThanOrEqual(0);
        expect(['none', 'full', 'incremental']).toContain(size.autoVacuum);

        expect(await store.stats.latestSampleAt()).toBeNull();
        const sample = (at: number) => ({ at, dbBytes: at * 10, walBytes: 1, freeBytes: 2 });
        await store.maintenance.recordSample(sample(1_000), 0);
        await store.maintenance.recordSample(sample(2_000), 0);
        expect(await store.stats.samplesSince(0)).toEqual([sample(1_000), sample(2_000)]);
        expect(await store.stats.sampleAtOrBefore(1_999)).toEqual(sample(1_000));
        expect(await store.stats.sampleAtOrBefore(999)).toBeUndefined();
        await store.maintenance.recordSample(sample(3_000), 2_000);
        expect((await store.stats.samplesSince(0)).map((s) => s.at)).toEqual([2_000, 3_000]);
        expect(await store.stats.latestSampleAt()).toBe(3_000);
      });
    });

    describe('upkeep', () => {
      it('compacts a bounded amount, checkpoints without waiting, and takes probe writes', async () => {
        const given = await store.maintenance.compact(10);
        expect(given).toBeGreaterThanOrEqual(0);
        expect(given).toBeLessThanOrEqual(10);
        expect((await store.maintenance.checkpoint()).busy).toBe(false);
        await store.maintenance.probeWrite(1);
        await store.maintenance.probeWrite(2);
        // The store still works after upkeep.
        expect(await store.workflows.get('wf')).toMatchObject({ id: 'wf' });
      });
    });
  });
}
