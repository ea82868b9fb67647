// The commit queue's pause (used by the WAL checkpoint thread's windows): it waits for the
// transaction under way, starts none while paused, and lets what queued meanwhile commit after.
import { describe, expect, it } from 'vitest';
import { createCommitQueue } from '../../../server/store/sqlite/commit-queue.js';
import { withCounterTable } from './counter-table.js';

describe('pausing the commit queue', () => {
  it('waits for the transaction under way, then holds new units until resume', () =>
    withCounterTable(async ({ db, insert, count }) => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const commits = createCommitQueue(db);
      // An asynchronous unit keeps its transaction open until the gate opens.
      const first = commits.run(async () => {
        insert(1);
        await gate;
      });
      await new Promise((r) => setImmediate(r));
      expect(db.inTransaction).toBe(true);
      let paused = false;
      const pausing = commits.pause().then(() => (paused = true));
      await new Promise((r) => setTimeout(r, 10));
      expect(paused).toBe(false);
      release();
      await pausing;
      await first;
      expect(db.inTransaction).toBe(false);
      expect(count()).toBe(1);

      let committed = false;
      const later = commits.run(() => insert(2)).then(() => (committed = true));
      await new Promise((r) => setTimeout(r, 20));
      expect(committed).toBe(false);
      expect(count()).toBe(1);
      expect(commits.pending).toBe(1);
      commits.resume();
      await later;
      expect(count()).toBe(2);
      // Nothing under way: the pause holds at once.
      await commits.pause();
      commits.resume();
      expect(await commits.run(() => insert(3))).toBe(1);
    }));
});
