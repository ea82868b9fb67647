// SQLite's side of declared search paths: the index exists exactly while the path is declared
// (sqlite_master), the search by it reads the index (the query plan), and an undeclared path or
// a search without its workflow still examines a window and says where it ended.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../server/store/sqlite/database.js';
import { createCommitQueue } from '../../../../server/store/sqlite/commit-queue.js';
import { createSqliteStore } from '../../../../server/store/sqlite/create-sqlite-store.js';
import { declaredPathQuery } from '../../../../server/store/sqlite/search-path-index.js';
import type { Store } from '../../../../server/store/ports/store.js';
import { definition, event } from '../contract/contract-fixtures.js';
import { tempDir } from '../../../support/temp-dir.js';

describe('SQLite declared search paths', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Db;
  let store: Store;
  const id = ['data', 'object', 'id'];
  const searchIndexes = () => (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'run_search_%' ORDER BY name`).all() as Array<{ name: string }>).map((r) => r.name);

  beforeEach(async () => {
    dir = tempDir();
    db = openDatabase(`${dir.path}/search.db`);
    store = createSqliteStore(db, createCommitQueue(db, {}));
    for (const wf of ['wf', 'wf2']) await store.workflows.create(wf, definition(wf), 0, null);
    for (let i = 0; i < 6; i++) {
      const wf = i % 2 ? 'wf2' : 'wf';
      const body = Buffer.from(JSON.stringify({ data: { object: { id: `pi_${i}`, customer: `cus_${i}` } } }));
      await store.runs.startRun({ workflowId: wf, version: 1, concurrency: 10, now: 1_000 * (i + 1), event: { kind: 'new', event: event(wf, { body, receivedAt: 1_000 * (i + 1) }) } });
    }
  });
  afterEach(() => {
    db.close();
    dir.cleanup();
  });

  it('keeps one index per declared path of a workflow, with a stable name, and drops it when undeclared', async () => {
    await store.runs.declareSearchPaths('wf', [id, ['data', 'object', 'customer']]);
    await store.runs.declareSearchPaths('wf2', [id]);
    const three = searchIndexes();
    expect(three).toHaveLength(3);
    await store.runs.declareSearchPaths('wf', [id, ['data', 'object', 'customer']]);
    expect(searchIndexes()).toEqual(three);
    await store.runs.declareSearchPaths('wf', [id]);
    expect(searchIndexes()).toHaveLength(2);
    await store.runs.declareSearchPaths('wf', []);
    await store.runs.declareSearchPaths('wf2', []);
    expect(searchIndexes()).toEqual([]);
  });

  it('answers a declared path through its index, complete; an undeclared one still stops at its window', async () => {
    await store.runs.declareSearchPaths('wf', [id]);
    const [name] = searchIndexes();
    const declared = await store.runs.search({ where: { part: 'body', path: id, value: 'pi_0' }, workflowId: 'wf', limit: 50 }, 1);
    expect(declared).toEqual({ rows: [expect.objectContaining({ workflowId: 'wf', createdAt: 1_000 })], examinedTo: null });
    // The plan of that very query: the events through the declared index, then their runs by event.
    const q = declaredPathQuery('wf', { part: 'body', path: id, value: 'pi_0' }, { sql: 'WHERE workflow_id = ?', args: ['wf'] }, 51);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.args) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail)).toEqual(expect.arrayContaining([`SEARCH e USING INDEX ${name} (<expr>=?)`, 'SEARCH runs USING INDEX runs_event (event_id=?)']));
    const undeclared = await store.runs.search({ where: { part: 'body', path: ['data', 'object', 'customer'], value: 'cus_0' }, workflowId: 'wf', limit: 50 }, 1);
    expect(undeclared).toEqual({ rows: [], examinedTo: expect.objectContaining({ createdAt: 5_000 }) });
    const noWorkflow = await store.runs.search({ where: { part: 'body', path: id, value: 'pi_0' }, limit: 50 }, 1);
    expect(noWorkflow).toEqual({ rows: [], examinedTo: expect.objectContaining({ createdAt: 6_000 }) });
  });
});
