import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../server/store/sqlite/database.js';
import { createManualClock } from '../../../server/lib/clock.js';
import { createRejectionCounter } from '../../../server/verify/rejection-counter.js';
import { createCommitQueue } from '../../../server/store/sqlite/commit-queue.js';
import { createSqliteStore } from '../../../server/store/sqlite/create-sqlite-store.js';

const MIN = 60_000;
const storeOf = (db: Db) => createSqliteStore(db, createCommitQueue(db));
let db: Db;
afterEach(() => db?.close());

describe('rejection counter (per-minute buckets in SQLite)', () => {
  it('splits counts into the last hour, the last day and hourly slots as time passes', async () => {
    db = openDatabase(':memory:');
    const clock = createManualClock(Date.UTC(2025, 0, 1, 12, 0, 30));
    const c = createRejectionCounter({ store: storeOf(db), clock });
    c.record('wf_1', 'hook', 'signature_mismatch');
    c.record('wf_1', 'hook', 'signature_mismatch');
    clock.advance(90 * MIN);
    c.record('wf_1', 'hook', 'timestamp_out_of_range');
    c.record('wf_1', 'other', 'auth_mismatch');
    c.record('wf_2', 'hook', 'auth_missing');
    const s = await c.forTrigger('wf_1', 'hook');
    expect(s).toMatchObject({ lastHour: 1, lastDay: 3, byReason: { signature_mismatch: 2, timestamp_out_of_range: 1 } });
    expect(s.hourly.slice(-3)).toEqual([0, 2, 1]);
    expect(s.lastAt).toBe(Math.floor(clock.now() / MIN) * MIN);
    expect(Object.keys(await c.forWorkflow('wf_1')).sort()).toEqual(['hook', 'other']);
    clock.advance(23 * 60 * MIN);
    expect(await c.forTrigger('wf_1', 'hook')).toMatchObject({ lastHour: 0, lastDay: 1 });
    clock.advance(2 * 60 * MIN);
    expect(await c.forTrigger('wf_1', 'hook')).toMatchObject({ lastHour: 0, lastDay: 0, byReason: {}, lastAt: null });
    await c.close();
  });

  it('keeps counts across a restart once flushed, and prunes rows older than two days', async () => {
    db = openDatabase(':memory:');
    const clock = createManualClock(Date.UTC(2025, 0, 1));
    const first = createRejectionCounter({ store: storeOf(db), clock });
    for (let i = 0; i < 5; i++) first.record('wf_1', 'hook', 'signature_missing');
    await first.close();
    const second = createRejectionCounter({ store: storeOf(db), clock });
    expect((await second.forTrigger('wf_1', 'hook')).lastHour).toBe(5);
    clock.advance(3 * 24 * 60 * MIN);
    second.record('wf_1', 'hook', 'signature_missing');
    await second.flush();
    expect((db.prepare('SELECT count(*) AS n FROM trigger_rejections').get() as { n: number }).n).toBe(1);
    await second.close();
  });

  it('keeps pending counts when the database refuses a write, and never throws from record', async () => {
    db = openDatabase(':memory:');
    const clock = createManualClock(Date.UTC(2025, 0, 1));
    const c = createRejectionCounter({ store: storeOf(db), clock });
    c.record('wf_1', 'hook', 'signature_mismatch');
    db.pragma('query_only = ON');
    await expect(c.flush()).rejects.toThrow();
    for (let i = 0; i < 1_200; i++) c.record('wf_1', `n${i}`, 'signature_mismatch');
    db.pragma('query_only = OFF');
    expect((await c.forTrigger('wf_1', 'hook')).lastHour).toBe(1);
    expect(Object.keys(await c.forWorkflow('wf_1'))).toHaveLength(1_201);
    await c.close();
  });
});
