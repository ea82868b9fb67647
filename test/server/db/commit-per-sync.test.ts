// The group commit makes one commit per durable step: units that arrive while a batch's fsync
// runs wait in the queue and commit together once it is done (commit-queue.ts).
import { describe, expect, it } from 'vitest';
import { createCommitQueue } from '../../../server/store/sqlite/commit-queue.js';
import { withCounterTable } from './counter-table.js';

const turn = () => new Promise((r) => setTimeout(r, 10));

describe('a group commit while the last batch is being made durable', () => {
  it('holds new units until the fsync ends, then commits them in one batch; a failed fsync rejects only its own batch', () =>
    withCounterTable(async ({ db, insert, count }) => {
      const gates: Array<{ release: () => void; fail: (e: Error) => void }> = [];
      const commits = createCommitQueue(db, {
        durable: () => new Promise<void>((resolve, reject) => gates.push({ release: resolve, fail: reject })),
      });
      const settled: string[] = [];
      const unit = (n: number) =>
        commits
          .run(() => insert(n))
          .then(
            () => settled.push(`ok ${n}`),
            (e: Error) => settled.push(`${e.message} ${n}`),
          );

      const first = unit(1);
      await turn();
      expect(count()).toBe(1);
      expect(gates).toHaveLength(1);
      // While the first batch's fsync runs, three more units arrive in separate turns: none commits yet.
      const later = [unit(2), unit(3), unit(4)];
      await turn();
      await turn();
      expect(count()).toBe(1);
      expect(gates).toHaveLength(1);
      expect(settled).toEqual([]);

      gates[0]?.release();
      await first;
      await turn();
      // All three in one commit, with one durable step of their own; not acknowledged before it.
      expect(count()).toBe(4);
      expect(gates).toHaveLength(2);
      expect(settled).toEqual(['ok 1']);

      const fifth = unit(5);
      await turn();
      expect(count()).toBe(4);
      gates[1]?.fail(new Error('EIO'));
      await Promise.all(later);
      expect(settled).toEqual(['ok 1', 'EIO 2', 'EIO 3', 'EIO 4']);
      // The queue goes on after a failed fsync: the next unit commits with a durable step of its own.
      await turn();
      expect(count()).toBe(5);
      expect(gates).toHaveLength(3);
      gates[2]?.release();
      await fifth;
      expect(settled).toEqual(['ok 1', 'EIO 2', 'EIO 3', 'EIO 4', 'ok 5']);
    }));
});
