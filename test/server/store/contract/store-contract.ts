// The storage contract: every port operation and its edge cases, written once against the
// Store interface. Each implementation runs it with its own factory (sqlite.test.ts and
// postgres.test.ts, with the same call).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../../server/store/ports/store.js';
import type { StartedRun, StartRun } from '../../../../server/store/ports/runs.js';
import { describeUsersContract } from './users-contract.js';
import { definition, event, openWithTwoWorkflows } from './contract-fixtures.js';
import { describeOpsContract } from './ops-contract.js';
import { describeLeaseContract } from './lease-contract.js';
import { describeHoldContract } from './hold-contract.js';
import { describeVariablesContract } from './variables-contract.js';
import { describeDataStoreContract } from './datastore-contract.js';
import { describeOAuthContract } from './oauth-contract.js';
import { describeRunSearchContract } from './run-search-contract.js';

/** A fresh, empty, migrated store; `close` releases it. */
export type StoreFactory = () => Promise<{ store: Store; close: () => Promise<void> }>;

/** Every section of the contract, against stores from `factory`: each implementation runs all of it. */
export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`storage contract: ${name}`, () => {
    let store: Store;
    let close: () => Promise<void>;
    beforeEach(async () => ({ store, close } = await openWithTwoWorkflows(factory)));
    afterEach(async () => close());

    const start = (over: Partial<StartRun> = {}) => store.runs.startRun({ workflowId: 'wf', version: 1, concurrency: 10, now: 1_000, event: { kind: 'new', event: event('wf') }, ...over });
    const started = async (over: Partial<StartRun> = {}) => {
      const r = await start(over);
      if (r.kind !== 'started') throw new Error('expected a started run');
      return r;
    };

    describe('workflows and versions', () => {
      it('creates an inactive workflow at version 1, adds versions, lists and removes', async () => {
        expect(await store.workflows.get('wf')).toMatchObject({ id: 'wf', name: 'wf', active: false, currentVersion: 1 });
        expect(await store.workflows.addVersion('wf', definition('renamed'), 5, null)).toBe(2);
        expect(await store.workflows.get('wf')).toMatchObject({ name: 'renamed', currentVersion: 2 });
        expect((await store.workflows.getVersion('wf', 1))?.definition.name).toBe('wf');
        expect((await store.workflows.listVersions('wf')).map((v) => v.version)).toEqual([2, 1]);
        expect(await store.workflows.setActive('wf', true, 6)).toBe(true);
        expect((await store.workflows.get('wf'))?.active).toBe(true);
        expect((await store.workflows.list()).map((w) => w.id).sort()).toEqual(['wf', 'wf2']);
        expect(await store.workflows.remove('wf')).toBe(true);
        expect(await store.workflows.remove('wf')).toBe(false);
        expect(await store.workflows.get('wf')).toBeUndefined();
        expect(await store.workflows.setActive('nope', true, 7)).toBe(false);
      });

      it('saves a draft only from the newest version, and publishes and unpublishes a version', async () => {
        expect(await store.workflows.get('wf')).toMatchObject({ currentVersion: 1, publishedVersion: null });
        const ana = { userId: 'usr_ana', name: 'Ana' };
        expect(await store.workflows.addVersionIf('wf', definition('draft'), 5, ana, 1)).toBe(2);
        expect(await store.workflows.addVersionIf('wf', definition('stale'), 6, ana, 1)).toBeNull();
        expect(await store.workflows.get('wf')).toMatchObject({ name: 'draft', currentVersion: 2 });
        expect((await store.workflows.getVersion('wf', 2))?.createdBy).toEqual(ana);
        expect(await store.workflows.publish('wf', 2, 7, 'Ana', 'go live')).toBe(true);
        expect(await store.workflows.get('wf')).toMatchObject({ publishedVersion: 2, publishedAt: 7, publishedBy: 'Ana', publishMessage: 'go live' });
        await store.workflows.setActive('wf', true, 8);
        expect(await store.workflows.publish('wf', null, 9, null, null)).toBe(true);
        expect(await store.workflows.get('wf')).toMatchObject({ publishedVersion: null, active: false, currentVersion: 2 });
        expect(await store.workflows.publish('nope', 1, 9, null, null)).toBe(false);
      });
    });

    describe('triggers', () => {
      it('syncs tokens to trigger nodes and matches them', async () => {
        let n = 0;
        await store.triggers.sync('wf', ['in'], () => `tok${++n}`, 10);
        expect(await store.triggers.match('tok1', 10)).toMatchObject({ workflowId: 'wf', nodeId: 'in', expiresAt: null });
        await store.triggers.sync('wf', ['in'], () => `tok${++n}`, 11);
        expect((await store.triggers.forWorkflow('wf')).map((t) => t.token)).toEqual(['tok1']);
        await store.triggers.sync('wf', [], () => `tok${++n}`, 12);
        expect(await store.triggers.match('tok1', 12)).toBeUndefined();
      });

      it('keeps a rotated token working through its grace period only, and drops it on a rotation without grace', async () => {
        await store.triggers.sync('wf', ['in'], () => 'old', 10);
        expect(await store.triggers.rotate('wf', 'in', 'new', 100, 50)).toBe(true);
        expect(await store.triggers.match('new', 120)).toMatchObject({ nodeId: 'in', expiresAt: null });
        expect(await store.triggers.match('old', 120)).toMatchObject({ nodeId: 'in', expiresAt: 150 });
        expect((await store.triggers.retiredOf('wf', 120)).map((t) => t.token)).toEqual(['old']);
        expect(await store.triggers.match('old', 150)).toBeUndefined();
        expect(await store.triggers.rotate('wf', 'in', 'newer', 200, 1_000)).toBe(true);
        expect(await store.triggers.rotate('wf', 'in', 'newest', 210, 0)).toBe(true);
        expect(await store.triggers.match('newer', 220)).toBeUndefined();
        expect(await store.triggers.rotate('wf', 'missing', 'x', 1, 0)).toBe(false);
      });
    });

    describe('startRun', () => {
      it('stores the event byte-exact, a queued run and a queued job together', async () => {
        const r = await started();
        expect(await store.runs.get(r.runId)).toMatchObject({
          id: r.runId,
          workflowId: 'wf',
          version: 1,
          eventId: r.eventId,
          status: 'queued',
          replayOf: null,
          depth: 0,
          parentRunId: null,
          errorOf: null,
        });
        const stored = await store.runs.getEvent(r.eventId);
        expect(stored?.body.toString()).toBe('{"n":1}');
        expect(stored).toMatchObject({ method: 'POST', query: { a: '1' }, headers: { 'content-type': 'application/json' }, receivedAt: 1_000 });
        expect(await store.jobs.nextDueAt()).toBe(1_000);
        expect(await store.runs.latestEventId('wf', 'in')).toBe(r.eventId);
      });

      it('resolves a repeated dedupe key to the first run and stores nothing more', async () => {
        const first = await started({ event: { kind: 'new', event: event('wf', { dedupeKey: 'k' }) } });
        const again = await start({ event: { kind: 'new', event: event('wf', { dedupeKey: 'k' }) } });
        expect(again).toEqual({ kind: 'duplicate', original: { runId: first.runId, eventId: first.eventId } });
        expect(await store.runs.findByDedupeKey('wf', 'k')).toEqual({ runId: first.runId, eventId: first.eventId });
        expect(await store.runs.list({ limit: 10 })).toHaveLength(1);
        // Dedupe keys are per workflow.
        expect((await store.runs.startRun({ workflowId: 'wf2', version: 1, concurrency: 1, now: 2, event: { kind: 'new', event: event('wf2', { dedupeKey: 'k' }) } })).kind).toBe('started');
      });

      it('starts exactly one run when the same dedupe key races inside one group commit', async () => {
        const results = await Promise.all(Array.from({ length: 5 }, () => start({ event: { kind: 'new', event: event('wf', { dedupeKey: 'race' }) } })));
        const winners = results.filter((r) => r.kind === 'started');
        expect(winners).toHaveLength(1);
        const winner = winners[0];
        if (winner?.kind !== 'started') throw new Error('no winner');
        for (const r of results.filter((x) => x.kind === 'duplicate')) expect(r).toEqual({ kind: 'duplicate', original: { runId: winner.runId, eventId: winner.eventId } });
        expect(await store.runs.list({ limit: 10 })).toHaveLength(1);
      });

      it('resolves every start of one tick as it would alone: new, repeated in the tick, seen before, keyless, lineage, two workflows', async () => {
        const before = await started({ event: { kind: 'new', event: event('wf', { dedupeKey: 'old' }) } });
        const keyed = (wf: string, key: string | null, n: number) => ({ kind: 'new' as const, event: event(wf, { dedupeKey: key, body: Buffer.from(`{"n":${n}}`) }) });
        // All issued in one turn: a store that groups them (SQLite's commit queue, PostgreSQL's batch) must still keep each start's meaning.
        const results = await Promise.all([
          start({ event: keyed('wf', 'b', 1) }),
          start({ event: keyed('wf', 'old', 2) }),
          start({ event: keyed('wf', 'a', 3) }),
          start({ event: keyed('wf', 'b', 4) }),
          start({ event: keyed('wf', null, 5) }),
          start({ workflowId: 'wf2', event: keyed('wf2', 'b', 6), lineage: { parent: { runId: before.runId, nodeId: 'call', waits: true }, depth: 1, errorOf: null } }),
          start({ event: keyed('wf', null, 7) }),
          start({ event: keyed('wf', 'a', 8) }),
        ]);
        expect(results.map((r) => r.kind)).toEqual(['started', 'duplicate', 'started', 'duplicate', 'started', 'started', 'started', 'duplicate']);
        const [b, old, a, bAgain, , child, , aAgain] = results;
        const orig = (r: StartedRun | undefined) => (r?.kind === 'started' ? { runId: r.runId, eventId: r.eventId } : undefined);
        expect(old).toEqual({ kind: 'duplicate', original: { runId: before.runId, eventId: before.eventId } });
        expect(bAgain).toEqual({ kind: 'duplicate', original: orig(b) });
        expect(aAgain).toEqual({ kind: 'duplicate', original: orig(a) });
        // One run, one job and one event per started result; the first of each key is the one stored.
        expect(await store.runs.list({ limit: 20 })).toHaveLength(6);
        expect((await store.jobs.depth()).reduce((n, d) => n + d.n, 0)).toBe(6);
        expect((await store.runs.getEvent((orig(b) as { eventId: string }).eventId))?.body.toString()).toBe('{"n":1}');
        expect(await store.runs.findByDedupeKey('wf', 'a')).toEqual(orig(a));
        expect(await store.runs.get((orig(child) as { runId: string }).runId)).toMatchObject({ workflowId: 'wf2', parentRunId: before.runId, parentNodeId: 'call', parentWaits: true, depth: 1 });
        expect(await store.runs.waitedChildren(before.runId)).toEqual([(orig(child) as { runId: string }).runId]);
      });

      it('starts a replay on a stored event with its lineage and the copied results', async () => {
        const first = await started();
        const replay = await started({
          event: { kind: 'stored', eventId: first.eventId },
          replayOf: first.runId,
          lineage: { parent: { runId: first.runId, nodeId: 'call', waits: true }, depth: 1, errorOf: null },
          copies: [{ runId: 'ignored', nodeId: 'in', attempt: 1, status: 'succeeded', output: { x: 1 }, startedAt: 5, finishedAt: 6 }],
        });
        expect(replay.eventId).toBe(first.eventId);
        expect(await store.runs.get(replay.runId)).toMatchObject({ replayOf: first.runId, parentRunId: first.runId, parentNodeId: 'call', parentWaits: true, depth: 1 });
        expect(await store.steps.forRun(replay.runId)).toMatchObject([{ runId: replay.runId, nodeId: 'in', output: { x: 1 } }]);
        expect(await store.runs.waitedChildren(first.runId)).toEqual([replay.runId]);
      });
    });

    describe('run transitions are guarded', () => {
      it('ends a run once; a cancelled run stays cancelled', async () => {
        const a = await started();
        expect(await store.runs.markRunning(a.runId, 2_000)).toBe(true);
        expect(await store.runs.finish(a.runId, 'succeeded', undefined, 3_000)).toBe(true);
        expect(await store.runs.finish(a.runId, 'failed', { code: 'x', message: 'x' }, 4_000)).toBe(false);
        expect(await store.runs.cancel(a.runId, { code: 'cancelled', message: 'late' }, 4_000)).toBe(false);
        expect(await store.runs.markRunning(a.runId, 4_000)).toBe(false);
        expect(await store.runs.get(a.runId)).toMatchObject({ status: 'succeeded', startedAt: 2_000, finishedAt: 3_000 });

        const b = await started();
        expect(await store.runs.cancel(b.runId, { code: 'cancelled', message: 'by a person' }, 5_000)).toBe(true);
        expect(await store.runs.finish(b.runId, 'succeeded', undefined, 6_000)).toBe(false);
        expect(await store.runs.statusOf(b.runId)).toBe('cancelled');
        expect(await store.runs.markWaiting(b.runId, 9_000)).toBe(false);
      });

      it('lists newest first with filters and a keyset cursor', async () => {
        const ids = [];
        for (let i = 0; i < 4; i++) ids.push((await started({ now: 1_000 + i })).runId);
        await store.runs.finish(ids[1] as string, 'failed', { code: 'step_failed', message: 'x', cause: 'boom' }, 2_000);
        const page = await store.runs.list({ limit: 2 });
        expect(page.map((r) => r.id)).toEqual([ids[3], ids[2]]);
        const last = page[1];
        if (!last) throw new Error('no page');
        expect((await store.runs.list({ limit: 5, before: { createdAt: last.createdAt, id: last.id } })).map((r) => r.id)).toEqual([ids[1], ids[0]]);
        expect((await store.runs.list({ limit: 5, status: 'failed', errorCode: 'boom' })).map((r) => r.id)).toEqual([ids[1]]);
        // A cancelled run with the same code: found by the code alone, not with status=failed.
        await store.runs.cancel(ids[3] as string, { code: 'cancelled', message: 'x', cause: 'boom' }, 2_500);
        expect((await store.runs.list({ limit: 5, errorCode: 'boom' })).map((r) => r.id)).toEqual([ids[3], ids[1]]);
        expect((await store.runs.list({ limit: 5, status: 'failed', errorCode: 'boom' })).map((r) => r.id)).toEqual([ids[1]]);
        expect((await store.runs.list({ limit: 5, status: 'cancelled', errorCode: 'boom' })).map((r) => r.id)).toEqual([ids[3]]);
        expect((await store.runs.list({ limit: 5, from: 1_002 })).map((r) => r.id)).toEqual([ids[3], ids[2]]);
        expect(await store.runs.countSince('wf', 1_001)).toBe(3);
        expect((await store.runs.latest('wf'))?.id).toBe(ids[3]);
      });

      it('finds runs by dedupe key across workflows and by a value in the trigger', async () => {
        const body = (json: string) => ({ kind: 'new' as const, event: event('wf', { body: Buffer.from(json) }) });
        const stripe = await started({
          event: { kind: 'new', event: event('wf', { dedupeKey: 'evt_1', body: Buffer.from('{"id":42,"ok":true,"gone":null,"data":{"object":{"id":"pi_1"}},"list":[{"sku":"a"}]}') }) },
        });
        await started({ event: body('{"id":"42x"}'), now: 1_001 });
        await started({ event: body('not json at all \u0000'), now: 1_002 });
        await started({ event: { kind: 'new', event: event('wf', { body: Buffer.from([0xff, 0xfe, 0x7b]) }) }, now: 1_003 });
        const ids = async (f: Omit<Parameters<Store['runs']['list']>[0], 'limit'>) => (await store.runs.list({ limit: 10, ...f })).map((r) => r.id);
        expect(await ids({ dedupeKey: 'evt_1' })).toEqual([stripe.runId]);
        expect(await ids({ dedupeKey: 'evt_2' })).toEqual([]);
        expect(await ids({ where: { part: 'body', path: ['data', 'object', 'id'], value: 'pi_1' } })).toEqual([stripe.runId]);
        expect(await ids({ where: { part: 'body', path: ['id'], value: '42' } })).toEqual([stripe.runId]);
        expect(await ids({ where: { part: 'body', path: ['ok'], value: 'true' } })).toEqual([stripe.runId]);
        expect(await ids({ where: { part: 'body', path: ['gone'], value: 'null' } })).toEqual([stripe.runId]);
        expect(await ids({ where: { part: 'body', path: ['list', 0, 'sku'], value: 'a' } })).toEqual([stripe.runId]);
        expect(await ids({ where: { part: 'query', path: ['a'], value: '1' } })).toHaveLength(4);
        expect(await ids({ where: { part: 'body', path: ['missing'], value: 'x' } })).toEqual([]);
      });
    });

    describeLeaseContract({ store: () => store, started });
    describeRunSearchContract({ store: () => store, started });
    describeHoldContract({ store: () => store, started });
    describeDataStoreContract(() => store);

    describe('steps', () => {
      it('records attempts, replaces the same attempt, and reads them by run, frame and loop item', async () => {
        const a = await started();
        const base = { runId: a.runId, attempt: 1, status: 'succeeded' as const, finishedAt: 2 };
        await store.steps.recordStep({ ...base, nodeId: 'x', startedAt: 1, output: 'first' });
        await store.steps.recordStep({ ...base, nodeId: 'x', startedAt: 1, output: 'replaced' });
        for (const i of [1, 0, 2]) await store.steps.recordStep({ ...base, frame: `loop:${i}`, nodeId: 'loop', startedAt: 10 + i, detail: { index: i }, output: i });
        await store.steps.recordStep({ ...base, frame: 'loop:0/inner:0', nodeId: 'loop', startedAt: 20, detail: { index: 0 } });
        expect((await store.steps.inFrame(a.runId, '')).map((s) => s.output)).toEqual(['replaced']);
        expect(await store.steps.forRun(a.runId)).toHaveLength(5);
        expect((await store.steps.iterations(a.runId, 'loop', '', 0, 10)).map((s) => s.output)).toEqual([0, 1, 2]);
        expect((await store.steps.iterations(a.runId, 'loop', '', 1, 1)).map((s) => s.output)).toEqual([1]);
      });

      it('reads a run to continue: the run, its byte-exact event and its steps in start order, as the single reads give them', async () => {
        const body = Buffer.from([0x7b, 0x22, 0xc3, 0xa9, 0x22, 0x3a, 0x30, 0x7d, 0x00, 0xff]);
        const a = await started({ event: { kind: 'new', event: event('wf', { body, dedupeKey: 'k1', query: { q: ['1', '2'] } }) } });
        expect(await store.runs.toContinue(a.runId)).toEqual({ run: await store.runs.get(a.runId), event: await store.runs.getEvent(a.eventId), steps: [] });
        const base = { runId: a.runId, attempt: 1, status: 'failed' as const, finishedAt: 9 };
        await store.steps.recordStep({ ...base, nodeId: 'late', startedAt: 5, input: { é: [1, null] }, error: { code: 'x', message: 'no' }, logs: ['a'] });
        await store.steps.recordStep({ ...base, nodeId: 'early', startedAt: 2, frame: 'loop:0', ports: ['out'], detail: { index: 0 }, nextAttemptAt: 99 });
        await store.runs.finish(a.runId, 'failed', { code: 'step_failed', message: 'bad' }, 10);
        const read = await store.runs.toContinue(a.runId);
        expect(read).toEqual({ run: await store.runs.get(a.runId), event: await store.runs.getEvent(a.eventId), steps: await store.steps.forRun(a.runId) });
        expect(read?.event.body.equals(body)).toBe(true);
        expect(read?.steps.map((s) => s.nodeId)).toEqual(['early', 'late']);
        expect(await store.runs.toContinue('run_missing')).toBeUndefined();
      });
    });

    describe('parents and children', () => {
      it("wakes a parent's waiting step only for a child that ended after the step parked", async () => {
        const parent = await started({ now: 0 });
        await store.steps.recordStep({ runId: parent.runId, nodeId: 'call', attempt: 1, status: 'waiting', startedAt: 1_000, finishedAt: 1_000, nextAttemptAt: 99_000 });
        const child = await started({ now: 1_000, lineage: { parent: { runId: parent.runId, nodeId: 'call', waits: true }, depth: 1 } });
        expect(await store.runs.wakeParentSteps(parent.runId, 2_000)).toBe(0);
        await store.runs.finish(child.runId, 'succeeded', undefined, 3_000);
        expect(await store.runs.wakeParentSteps(parent.runId, 3_500)).toBe(1);
        expect((await store.steps.forRun(parent.runId))[0]?.nextAttemptAt).toBe(3_500);
        expect(await store.runs.waitedChildren(parent.runId)).toEqual([]);
      });
    });

    describe('schedule cursors', () => {
      it('upserts, reads and removes', async () => {
        const st = { workflowId: 'wf', nodeId: 'in', spec: 's', cursor: 1, lastTick: null, lastRunId: null, updatedAt: 1 };
        await store.schedules.upsert(st);
        await store.schedules.upsert({ ...st, cursor: 2 });
        expect(await store.schedules.get('wf', 'in')).toEqual({ ...st, cursor: 2 });
        expect(await store.schedules.all()).toHaveLength(1);
        await store.schedules.remove('wf', 'in');
        expect(await store.schedules.all()).toEqual([]);
      });
    });

    describe('units of work', () => {
      it('commits every operation of a unit together, or none of them', async () => {
        const r = await store.write(async (tx) => {
          const s = await tx.runs.startRun({ workflowId: 'wf', version: 1, concurrency: 1, now: 1, event: { kind: 'new', event: event('wf') } });
          await tx.workflows.setActive('wf', true, 1);
          return s;
        });
        expect(r.kind).toBe('started');
        await expect(
          store.write(async (tx) => {
            await tx.runs.startRun({ workflowId: 'wf', version: 1, concurrency: 1, now: 2, event: { kind: 'new', event: event('wf', { dedupeKey: 'rolled-back' }) } });
            await tx.workflows.setActive('wf', false, 2);
            throw new Error('changed my mind');
          }),
        ).rejects.toThrow('changed my mind');
        expect((await store.workflows.get('wf'))?.active).toBe(true);
        expect(await store.runs.findByDedupeKey('wf', 'rolled-back')).toBeUndefined();
        expect(await store.runs.list({ limit: 10 })).toHaveLength(1);
      });

      it('keeps one failing unit from undoing the others committed with it', async () => {
        const [ok, bad, ok2] = await Promise.allSettled([
          store.write((tx) => tx.workflows.setActive('wf', true, 1)),
          store.write(async (tx) => {
            await tx.workflows.setActive('wf2', true, 1);
            throw new Error('fails alone');
          }),
          store.runs.startRun({ workflowId: 'wf', version: 1, concurrency: 1, now: 1, event: { kind: 'new', event: event('wf') } }),
        ]);
        expect(ok.status).toBe('fulfilled');
        expect(bad.status).toBe('rejected');
        expect(ok2.status).toBe('fulfilled');
        expect((await store.workflows.get('wf'))?.active).toBe(true);
        expect((await store.workflows.get('wf2'))?.active).toBe(false);
      });

      it('sees its own writes inside the unit', async () => {
        const seen = await store.write(async (tx) => {
          const s = await tx.runs.startRun({ workflowId: 'wf', version: 1, concurrency: 1, now: 1, event: { kind: 'new', event: event('wf') } });
          return s.kind === 'started' ? tx.runs.statusOf(s.runId) : undefined;
        });
        expect(seen).toBe('queued');
      });
    });

    describeUsersContract(() => store);
    describeVariablesContract(() => store);
    describeOAuthContract(() => store);
  });
  describeOpsContract(name, factory);
}
