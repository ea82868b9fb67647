import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/store/sqlite/database.js';
import { createCommitQueue } from '../../../server/store/sqlite/commit-queue.js';
import { createSqliteStore } from '../../../server/store/sqlite/create-sqlite-store.js';
import { createRunService } from '../../../server/services/run-service.js';
import { tempDir } from '../../support/temp-dir.js';
import { definition, event } from '../store/contract/contract-fixtures.js';

// The runs list's answer when a trigger-value search stops at its window: truncated, where it
// searched back to, and a cursor that goes on from there until every match is found. A real
// SQLite file, with a window of 2 runs so that seven runs need several calls.
const dir = tempDir();

describe('a trigger-value search over a bounded window', () => {
  it('answers truncated with searchedBackTo and a cursor, and following it finds every match once', async () => {
    const db = openDatabase(`${dir.path}/window.db`);
    const store = createSqliteStore(db, createCommitQueue(db));
    await store.workflows.create('wf', definition('wf'), 0, null);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const body = Buffer.from(JSON.stringify({ data: { object: { id: i % 3 === 0 ? 'pi_hit' : `pi_${i}` } } }));
      const r = await store.runs.startRun({ workflowId: 'wf', version: 1, concurrency: 10, now: 1_000 * (i + 1), event: { kind: 'new', event: event('wf', { body, receivedAt: 1_000 * (i + 1) }) } });
      if (r.kind !== 'started') throw new Error('started');
      ids.push(r.runId);
    }
    const runs = createRunService({ store, versions: async () => undefined, clock: { now: () => 10_000 }, defaultConcurrency: 1, onQueued: () => undefined, searchWindow: 2 });
    const where = 'trigger.body.data.object.id=pi_hit';

    const first = await runs.list({ where, limit: '5' });
    // Window: runs 6 and 5 (neither matches 0, 3, 6 except 6).
    expect(first).toMatchObject({ runs: [{ id: ids[6] }], truncated: true, searchedBackTo: 6_000 });
    const found: string[] = [];
    let page: Awaited<ReturnType<typeof runs.list>> = first;
    let calls = 1;
    for (;;) {
      found.push(...page.runs.map((r) => r.id));
      if (!page.nextCursor) break;
      page = await runs.list({ where, limit: '5', cursor: page.nextCursor });
      calls++;
    }
    expect(found).toEqual([ids[6], ids[3], ids[0]]);
    expect(page.truncated).toBe(false);
    expect(calls).toBeGreaterThan(2);
    // Without a trigger value nothing is truncated.
    expect(await runs.list({ limit: '3' })).toMatchObject({ truncated: false, nextCursor: expect.any(String) });
    db.close();
    dir.cleanup();
  });
});
