import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../server/store/sqlite/database.js';
import { createManualClock } from '../../../server/lib/clock.js';
import { createRejectionInbox, declaredSize, safeHeaders, type RejectedRequest } from '../../../server/ingest/rejection-inbox.js';
import { createRejectionList } from '../../../server/ingest/rejection-list.js';
import { createCommitQueue } from '../../../server/store/sqlite/commit-queue.js';
import { createSqliteStore } from '../../../server/store/sqlite/create-sqlite-store.js';

let db: Db;
afterEach(() => db?.close());
const storeOf = (db: Db) => createSqliteStore(db, createCommitQueue(db));
const rows = () => (db.prepare('SELECT count(*) AS n FROM trigger_rejected_requests').get() as { n: number }).n;
const refusal = (nodeId: string, reason = 'rate_limited', status = 429): RejectedRequest => ({
  workflowId: 'wf_1',
  nodeId,
  status,
  reason,
  source: '203.0.113.1',
  method: 'POST',
  size: 10,
  headers: { 'user-agent': 'x' },
});

describe('rejection inbox', () => {
  it('keeps a flood in memory and writes it in one batch, bounded per trigger (newest kept)', async () => {
    db = openDatabase(':memory:');
    const clock = createManualClock(Date.UTC(2025, 0, 1));
    const counted: string[] = [];
    const inbox = createRejectionInbox({ store: storeOf(db), clock, maxPerTrigger: 50, flushMs: 60_000, count: (r) => counted.push(r.reason) });
    for (let i = 0; i < 10_000; i++) inbox.record({ ...refusal('hook'), size: i });
    inbox.record(refusal('other', 'ip_not_allowed', 403));
    // Nothing was written per request: the flood is still in memory.
    expect(rows()).toBe(0);
    expect(counted).toHaveLength(10_001);
    await inbox.flush();
    expect(rows()).toBe(51);
    const list = createRejectionList({ store: storeOf(db), clock, inbox });
    const page = await list.page('wf_1', { nodeId: 'hook', limit: 200 });
    expect(page.items).toHaveLength(50);
    expect(page.items[0]?.size).toBe(9_999);
    expect(page.items.at(-1)?.size).toBe(9_950);
    // A second flood trims the stored rows to the bound as well.
    for (let i = 0; i < 120; i++) inbox.record(refusal('hook'));
    await inbox.flush();
    expect((await list.page('wf_1', { nodeId: 'hook', limit: 200 })).items).toHaveLength(50);
    await inbox.close();
  });

  it('lets a read see the rows of a write already under way (the timer took them: nothing is pending)', async () => {
    db = openDatabase(':memory:');
    const clock = createManualClock(Date.UTC(2025, 0, 1));
    const store = storeOf(db);
    // The timer's write starts, and its commit is slow (a busy PostgreSQL).
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowStore = { ...store, rejections: { ...store.rejections, addRequests: async (...a: Parameters<typeof store.rejections.addRequests>) => (await gate, store.rejections.addRequests(...a)) } };
    const inbox = createRejectionInbox({ store: slowStore, clock, flushMs: 60_000 });
    inbox.record(refusal('hook'));
    const timersWrite = inbox.flush();
    const list = createRejectionList({ store, clock, inbox });
    const read = list.page('wf_1', { limit: 10 });
    let readDone = false;
    void read.then(() => (readDone = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(readDone).toBe(false);
    release();
    await timersWrite;
    expect((await read).items).toHaveLength(1);
    await inbox.close();
  });

  it('shows only the last day and prunes older rows', async () => {
    db = openDatabase(':memory:');
    const clock = createManualClock(Date.UTC(2025, 0, 1));
    const inbox = createRejectionInbox({ store: storeOf(db), clock, flushMs: 60_000 });
    const list = createRejectionList({ store: storeOf(db), clock, inbox });
    inbox.record(refusal('hook'));
    await inbox.flush();
    clock.advance(25 * 3600_000);
    expect((await list.page('wf_1', { limit: 10 })).items).toEqual([]);
    inbox.record(refusal('hook', 'body_too_large', 413));
    await inbox.flush();
    expect(rows()).toBe(1);
    expect((await list.page('wf_1', { limit: 10 })).items.map((i) => i.reason)).toEqual(['body_too_large']);
    await inbox.close();
  });

  it('pages with a cursor, newest first', async () => {
    db = openDatabase(':memory:');
    const clock = createManualClock(Date.UTC(2025, 0, 1));
    const inbox = createRejectionInbox({ store: storeOf(db), clock, flushMs: 60_000 });
    const list = createRejectionList({ store: storeOf(db), clock, inbox });
    for (let i = 0; i < 7; i++) inbox.record({ ...refusal('hook'), size: i });
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const p = await list.page('wf_1', { limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...p.items.map((i) => i.size ?? -1));
      if (!p.nextCursor) break;
      cursor = p.nextCursor;
    }
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0]);
    await inbox.close();
  });

  it('keeps only harmless headers, cut short, and reads sizes only from plain numbers', () => {
    const h = safeHeaders({ 'user-agent': 'u'.repeat(500), authorization: 'Bearer x', cookie: 'a=b', 'x-hub-signature-256': 's', 'content-type': 'text/plain' });
    expect(Object.keys(h).sort()).toEqual(['content-type', 'user-agent']);
    expect(h['user-agent']?.length).toBe(201);
    expect(declaredSize({ 'content-length': '42' })).toBe(42);
    expect(declaredSize({ 'content-length': '4e2' })).toBeNull();
    expect(declaredSize({})).toBeNull();
  });
});
