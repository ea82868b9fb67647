// Replayable units run bare (no savepoint) at the head of a batch; when one fails, the whole
// transaction is rolled back and the batch runs again with a savepoint per unit, so the failed
// unit is still undone alone and a unit that is not replayable never runs twice.
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../server/store/sqlite/database.js';
import { createCommitQueue } from '../../../server/store/sqlite/commit-queue.js';
import { tempDir } from '../../support/temp-dir.js';

interface Table {
  db: Db;
  insert: (n: number) => void;
  numbers: () => number[];
  /** SAVEPOINT statements the commit queue has run so far. */
  savepoints: () => number;
}

async function withTable(body: (t: Table) => Promise<void>): Promise<void> {
  const dir = tempDir();
  const db = openDatabase(`${dir.path}/replay.db`);
  try {
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    // The queue prepares its statements through this view of the connection, so its savepoints can be counted.
    let savepoints = 0;
    const counting = new Proxy(db, {
      get(target, key) {
        if (key !== 'prepare') return Reflect.get(target, key, target) as unknown;
        return (sql: string) => {
          const statement = target.prepare(sql);
          if (!sql.startsWith('SAVEPOINT')) return statement;
          return new Proxy(statement, { get: (s, k) => (k === 'run' ? () => (savepoints++, s.run()) : (Reflect.get(s, k, s) as unknown)) });
        };
      },
    });
    await body({
      db: counting,
      insert: (n) => void insert.run(n),
      numbers: () => (db.prepare('SELECT n FROM t ORDER BY n').all() as Array<{ n: number }>).map((r) => r.n),
      savepoints: () => savepoints,
    });
  } finally {
    db.close();
    dir.cleanup();
  }
}

const replayable = { replayable: true };

describe('replayable units in a group commit', () => {
  it('runs the replayable units at the head of a batch without savepoints, and every unit from the first other one on with its own', async () => {
    await withTable(async (t) => {
      const commits = createCommitQueue(t.db);
      const done = await Promise.all([
        commits.run(() => (t.insert(1), 'a'), replayable),
        commits.run(() => (t.insert(2), 'b'), replayable),
        commits.run(() => (t.insert(3), 'c')),
        commits.run(() => (t.insert(4), 'd'), replayable),
      ]);
      expect(done).toEqual(['a', 'b', 'c', 'd']);
      expect(t.numbers()).toEqual([1, 2, 3, 4]);
      expect(t.savepoints()).toBe(2);
    });
  });

  it('when a bare unit fails, runs the batch again with a savepoint per unit: the failed unit alone is undone, and rejects with its own error', async () => {
    await withTable(async (t) => {
      const commits = createCommitQueue(t.db);
      const calls = { first: 0, failing: 0, last: 0 };
      const settled = await Promise.allSettled([
        commits.run(() => (calls.first++, t.insert(1), 'first'), replayable),
        commits.run(() => {
          calls.failing++;
          t.insert(2);
          throw new Error('the unit gives up after its first write');
        }, replayable),
        commits.run(() => (calls.last++, t.insert(3), 'last'), replayable),
      ]);
      expect(settled).toEqual([
        { status: 'fulfilled', value: 'first' },
        { status: 'rejected', reason: new Error('the unit gives up after its first write') },
        { status: 'fulfilled', value: 'last' },
      ]);
      expect(t.numbers()).toEqual([1, 3]);
      // The units before the failure ran twice (their first writes were rolled back), the rest once.
      expect(calls).toEqual({ first: 2, failing: 2, last: 1 });
      expect(t.savepoints()).toBe(3);
    });
  });

  it('undoes the earlier statements of a bare unit that a constraint stops, and keeps the other units', async () => {
    await withTable(async (t) => {
      t.insert(10);
      const commits = createCommitQueue(t.db);
      const settled = await Promise.allSettled([
        commits.run(() => t.insert(1), replayable),
        commits.run(() => {
          t.insert(2);
          t.insert(10);
        }, replayable),
        commits.run(() => t.insert(3), replayable),
      ]);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(String((settled[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed/);
      expect(t.numbers()).toEqual([1, 3, 10]);
    });
  });

  it('never runs a unit that is not replayable twice: the units after it have their savepoints, so a failure there is undone alone', async () => {
    await withTable(async (t) => {
      const commits = createCommitQueue(t.db);
      const calls = { bare: 0, other: 0 };
      const settled = await Promise.allSettled([
        commits.run(() => (calls.bare++, t.insert(1)), replayable),
        commits.run(() => (calls.other++, t.insert(2))),
        commits.run(() => {
          t.insert(3);
          throw new Error('fails in its savepoint');
        }, replayable),
      ]);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      expect(t.numbers()).toEqual([1, 2]);
      expect(calls).toEqual({ bare: 1, other: 1 });
    });
  });

  it('replays after a bare unit that rejects asynchronously, and the batch still commits once', async () => {
    await withTable(async (t) => {
      const commits = createCommitQueue(t.db);
      const settled = await Promise.allSettled([
        commits.run(() => t.insert(1), replayable),
        commits.run(async () => {
          t.insert(2);
          await Promise.resolve();
          throw new Error('rejected after a write');
        }, replayable),
        commits.run(async () => {
          await Promise.resolve();
          t.insert(3);
          return 'async';
        }, replayable),
      ]);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(t.numbers()).toEqual([1, 3]);
      expect(t.db.inTransaction).toBe(false);
    });
  });
});
