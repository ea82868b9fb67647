// Units of a shared transaction undo alone even when their savepoint journal grows large: the
// journal lives in memory (temp_store = MEMORY), where it once spilled to a temporary file.
import { describe, expect, it } from 'vitest';
import { openDatabase, vacuumOnDisk } from '../../../server/store/sqlite/database.js';
import { createCommitQueue } from '../../../server/store/sqlite/commit-queue.js';
import { tempDir } from '../../support/temp-dir.js';

describe('a group commit whose units change many pages', () => {
  it('keeps temporary data in memory, and undoes only the unit that failed in a batch past 64 KB of journal', async () => {
    const dir = tempDir();
    const db = openDatabase(`${dir.path}/journal.db`);
    try {
      expect(db.pragma('temp_store', { simple: true })).toBe(2);
      db.exec('CREATE TABLE t (unit INTEGER, n INTEGER, pad TEXT, PRIMARY KEY (unit, n)); CREATE INDEX t_pad ON t (pad)');
      // Existing pages, so that every unit's changes are journalled (new pages are not).
      const fill = db.prepare('INSERT INTO t VALUES (?, ?, ?)');
      db.transaction(() => {
        for (let n = 0; n < 2_000; n++) fill.run(-1, n, `${n}`.padEnd(200, 'x'));
      })();
      const commits = createCommitQueue(db);
      const update = db.prepare('UPDATE t SET pad = ? WHERE unit = -1 AND n % 20 = ?');
      const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?)');
      // Twenty units in one batch, each rewriting a spread of old rows (well past 64 KB of journal in all); unit 7 then fails.
      const units = Array.from({ length: 20 }, (_, unit) =>
        commits.run(() => {
          update.run(`${unit}`.padEnd(200, 'y'), unit);
          for (let n = 0; n < 50; n++) insert.run(unit, n, `${unit}:${n}`.padEnd(200, 'z'));
          if (unit === 7) insert.run(unit, 0, 'a repeated key fails the unit');
          return unit;
        }),
      );
      const settled = await Promise.allSettled(units);
      expect(settled.map((s) => s.status)).toEqual(Array.from({ length: 20 }, (_, unit) => (unit === 7 ? 'rejected' : 'fulfilled')));
      const rows = (unit: number) => (db.prepare('SELECT count(*) AS c FROM t WHERE unit = ?').get(unit) as { c: number }).c;
      expect(rows(7)).toBe(0);
      expect(rows(6)).toBe(50);
      expect(rows(8)).toBe(50);
      // Unit 7's rewrite of the old rows was undone with it; unit 8's stayed.
      expect((db.prepare('SELECT pad FROM t WHERE unit = -1 AND n = 7').get() as { pad: string }).pad.startsWith('7xx')).toBe(true);
      expect((db.prepare('SELECT pad FROM t WHERE unit = -1 AND n = 8').get() as { pad: string }).pad.startsWith('8yy')).toBe(true);
    } finally {
      db.close();
      dir.cleanup();
    }
  });

  it('runs a VACUUM with its temporary copy on disk, then keeps temporary data in memory again', () => {
    const dir = tempDir();
    const db = openDatabase(`${dir.path}/vacuum.db`);
    try {
      db.exec('CREATE TABLE big (n INTEGER PRIMARY KEY, pad TEXT)');
      const fill = db.prepare('INSERT INTO big VALUES (?, ?)');
      db.transaction(() => {
        for (let n = 0; n < 2_000; n++) fill.run(n, 'x'.repeat(1_000));
      })();
      db.exec('DELETE FROM big');
      const freePages = () => db.pragma('freelist_count', { simple: true }) as number;
      expect(freePages()).toBeGreaterThan(400);
      vacuumOnDisk(db);
      expect(freePages()).toBe(0);
      expect(db.pragma('temp_store', { simple: true })).toBe(2);
    } finally {
      db.close();
      dir.cleanup();
    }
  });
});
