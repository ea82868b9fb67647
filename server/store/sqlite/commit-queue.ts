import type { Db } from './database.js';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Result = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Runs units of database work in shared transactions and resolves each caller after the commit. */
export interface CommitQueue {
  /**
   * Runs `work` inside a transaction shared with other callers of this tick; resolves once it is
   * durable. `work` may be asynchronous only under the unit-of-work rule (see below).
   */
  run<T>(work: () => T | Promise<T>): Promise<T>;
  /** Pending units not yet committed. */
  readonly pending: number;
  /**
   * Starts no new transaction until `resume`; resolves once the one under way (if any) has
   * committed. Units keep queueing meanwhile. For the WAL checkpoint thread's short windows
   * (wal-checkpointer.ts), which need the log to stand still; nothing on the event loop waits.
   */
  pause(): Promise<void>;
  /** Lets the units queued during a pause run, as one batch. */
  resume(): void;
}

const isThenable = (v: unknown): v is PromiseLike<unknown> => typeof (v as PromiseLike<unknown> | null)?.then === 'function';

/**
 * Group commit: every durable commit costs an fsync, so units of work that arrive in the same
 * event-loop turn share one transaction (and one fsync). Each unit runs in its own savepoint,
 * so one unit's failure (a constraint) does not undo the others; a failed commit rejects every
 * unit of the batch, and nothing of it was acknowledged. With `durable` (wal-sync.ts) the fsync
 * happens off the event loop, and units resolve only once it is done.
 *
 * The unit-of-work rule: a unit may be an async function, but it must await only operations of
 * its transaction (the SQLite store's `tx`), which resolve at once. Its whole body then runs in
 * microtasks inside one BEGIN..COMMIT, and no other IO callback (no other request) runs while
 * the transaction is open. A unit that awaits real IO (a timer, a socket) would hold the
 * transaction open across it: other readers would see its uncommitted writes, and the next
 * batch waits for it. Synchronous units take the old fast path: no promise is involved.
 *
 * One commit per durable step: while a batch's fsync runs, new units wait in the queue and
 * commit together once it is done. Their callers lose nothing by it (a commit made during an
 * fsync must wait for the next one anyway), and the WAL gets one write of each changed page per
 * fsync instead of one per event-loop turn: under load a turn carries a unit or two, and every
 * commit writes whole pages (the runs' and jobs' index pages, the steps' leaf) again.
 */
export function createCommitQueue(db: Db, options: { maxBatch?: number; durable?: () => Promise<void> } = {}): CommitQueue {
  const maxBatch = options.maxBatch ?? 256;
  const queue: Pending[] = [];
  let scheduled = false;
  let flushing = false;
  let paused = false;
  let onIdle: Array<() => void> = [];
  // A committed batch waits for its durable step: the next commit waits with it (see above).
  let syncing = false;
  const sql = {
    begin: db.prepare('BEGIN'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    savepoint: db.prepare('SAVEPOINT unit'),
    release: db.prepare('RELEASE unit'),
    rollbackTo: db.prepare('ROLLBACK TO unit'),
  };

  const settle = (batch: Pending[], results: Result[]) =>
    batch.forEach((p, i) => {
      const r = results[i];
      if (r?.ok) p.resolve(r.value);
      else p.reject(r?.ok === false ? r.error : new Error('unit of work did not finish'));
    });

  const finish = (batch: Pending[], results: Result[]) => {
    try {
      sql.commit.run();
    } catch (error) {
      if (db.inTransaction) sql.rollback.run();
      return failBatch(batch, error);
    }
    if (!options.durable) {
      done();
      return settle(batch, results);
    }
    syncing = true;
    done();
    options.durable().then(
      () => {
        synced();
        settle(batch, results);
      },
      (error: unknown) => {
        synced();
        for (const p of batch) p.reject(error);
      },
    );
  };

  const synced = () => {
    syncing = false;
    if (queue.length) schedule();
  };

  const failBatch = (batch: Pending[], error: unknown) => {
    done();
    for (const p of batch) p.reject(error);
  };

  const done = () => {
    flushing = false;
    const waiting = onIdle;
    onIdle = [];
    for (const resolve of waiting) resolve();
    if (!paused && queue.length) schedule();
  };

  const unitEnded = (results: Result[], r: Result) => {
    if (r.ok) sql.release.run();
    else {
      sql.rollbackTo.run();
      sql.release.run();
    }
    results.push(r);
  };

  /** Runs the units from `i` on; returns a promise only when a unit is asynchronous. */
  const runFrom = (batch: Pending[], results: Result[], i: number): void | Promise<void> => {
    for (; i < batch.length; i++) {
      const p = batch[i] as Pending;
      sql.savepoint.run();
      let value: unknown;
      try {
        value = p.work();
      } catch (error) {
        unitEnded(results, { ok: false, error });
        continue;
      }
      if (isThenable(value)) {
        const next = i + 1;
        return Promise.resolve(value).then(
          (v) => (unitEnded(results, { ok: true, value: v }), runFrom(batch, results, next)),
          (error: unknown) => (unitEnded(results, { ok: false, error }), runFrom(batch, results, next)),
        );
      }
      unitEnded(results, { ok: true, value });
    }
  };

  const flush = () => {
    scheduled = false;
    if (paused) return;
    flushing = true;
    const batch = queue.splice(0, maxBatch);
    const results: Result[] = [];
    try {
      sql.begin.run();
    } catch (error) {
      return failBatch(batch, error);
    }
    let pending: void | Promise<void>;
    try {
      pending = runFrom(batch, results, 0);
    } catch (error) {
      // Only the savepoint statements themselves can throw here: the transaction is unusable.
      if (db.inTransaction) sql.rollback.run();
      return failBatch(batch, error);
    }
    if (!pending) return finish(batch, results);
    pending.then(
      () => finish(batch, results),
      (error: unknown) => {
        if (db.inTransaction) sql.rollback.run();
        failBatch(batch, error);
      },
    );
  };

  const schedule = () => {
    if (scheduled || flushing || paused || syncing) return;
    scheduled = true;
    setImmediate(flush);
  };

  return {
    run<T>(work: () => T | Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
        schedule();
      });
    },
    get pending() {
      return queue.length;
    },
    pause() {
      paused = true;
      return flushing ? new Promise<void>((resolve) => onIdle.push(resolve)) : Promise.resolve();
    },
    resume() {
      paused = false;
      if (queue.length) schedule();
    },
  };
}
