import type { Db } from './database.js';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Runs synchronous database work in shared transactions and resolves each caller after the commit. */
export interface CommitQueue {
  /** Runs `work` inside a transaction shared with other callers of this tick; resolves once it is durable. */
  run<T>(work: () => T): Promise<T>;
  /** Pending units not yet committed. */
  readonly pending: number;
}

/**
 * Group commit: every durable commit costs an fsync, so units of work that arrive in the same
 * event-loop turn share one transaction (and one fsync). Each unit runs in its own savepoint,
 * so one unit's failure (a constraint) does not undo the others; a failed commit rejects every
 * unit of the batch, and nothing of it was acknowledged. With `durable` (store/wal-sync.ts)
 * the fsync happens off the event loop, and units resolve only once it is done.
 */
export function createCommitQueue(db: Db, options: { maxBatch?: number; durable?: () => Promise<void> } = {}): CommitQueue {
  const maxBatch = options.maxBatch ?? 256;
  const queue: Pending[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    if (queue.length) schedule();
    const results: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      db.transaction(() => {
        for (const p of batch) {
          try {
            results.push({ ok: true, value: db.transaction(p.work)() });
          } catch (error) {
            results.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    const settle = () =>
      batch.forEach((p, i) => {
        const r = results[i];
        if (r?.ok) p.resolve(r.value);
        else p.reject(r?.error);
      });
    if (!options.durable) return settle();
    options.durable().then(settle, (error: unknown) => {
      for (const p of batch) p.reject(error);
    });
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  return {
    run<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
        schedule();
      });
    },
    get pending() {
      return queue.length;
    },
  };
}
