// A real SQLite file with one table of numbers, for the commit queue's tests: what was
// committed is what `count()` reads back.
import { openDatabase, type Db } from '../../../server/store/sqlite/database.js';
import { tempDir } from '../../support/temp-dir.js';

export interface CounterTable {
  db: Db;
  insert: (n: number) => number;
  count: () => number;
}

/** Runs `body` on a fresh file with table `t (n)`, then closes and removes it. */
export async function withCounterTable(body: (t: CounterTable) => Promise<void>): Promise<void> {
  const dir = tempDir();
  const db = openDatabase(`${dir.path}/t.db`);
  try {
    db.exec('CREATE TABLE t (n INTEGER)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    await body({
      db,
      insert: (n) => insert.run(n).changes,
      count: () => (db.prepare('SELECT count(*) AS c FROM t').get() as { c: number }).c,
    });
  } finally {
    db.close();
    dir.cleanup();
  }
}
