import type { Db } from './database.js';

interface Pending {
  work: () => unknown;
  replayable: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Result = { ok: true; value: unknown } | { ok: false; error: unknown };

/** How a unit may be run. */
export interface UnitOptions {
  /**
   * The unit only reads and writes the database and builds its result from what it read: it
   * changes nothing else (no cache, no counter, no object it was given), so running it again
   * after the transaction was rolled back does the same thing. Such a unit runs without a
   * savepoint of its own while every unit before it in the batch is replayable too (see below).
   */
  replayable?: boolean;
}

/** A unit run without a savepoint failed: the transaction is rolled back, and the batch runs again. */
const REPLAY = Symbol('replay the batch, each unit in a savepoint');
type Ran = void | typeof REPLAY;

/** Runs units of database work in shared transactions and resolves each caller after the commit. */
export interface CommitQueue {
  /**
   * Runs `work` inside a transaction shared with other callers of this tick; resolves once it is
   * durable. `work` may be asynchronous only under the unit-of-work rule (see below).
   */
  run<T>(work: () => T | Promise<T>, options?: UnitOptions): Promise<T>;
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
 *
 * Replayable units first: a savepoint is not free. Inside one, SQLite copies each page a
 * statement changes to the statement journal before changing it, so that the unit can be undone
 * alone. With the two statements that open and close it, the SQLite work per delivered event
 * under load was 127-139 us with a savepoint per unit and 110-121 us without. So the units at the head of a batch that are replayable
 * (UnitOptions) run bare, with no savepoint; the first unit that is not, and every unit after it,
 * gets its savepoint as before. When a bare unit fails (it threw, or a statement did), nothing of
 * the transaction can be kept apart from it: the whole transaction is rolled back and the batch
 * runs again from its first unit, every unit in its savepoint this time. Only replayable units ran
 * before the failure, so running them again changes nothing but the database; the failed unit
 * fails again in its savepoint and is undone alone, as it would have been.
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

  const unitEnded = (results: Result[], r: Result, inSavepoint: boolean) => {
    if (inSavepoint && r.ok) sql.release.run();
    else if (inSavepoint) {
      sql.rollbackTo.run();
      sql.release.run();
    }
    results.push(r);
  };

  /**
   * Runs the units from `i` on, bare while `bare` and the unit is replayable; returns a promise
   * only when a unit is asynchronous, and REPLAY when a bare unit failed.
   */
  const runFrom = (batch: Pending[], results: Result[], i: number, bare: boolean): Ran | Promise<Ran> => {
    for (; i < batch.length; i++) {
      const p = batch[i] as Pending;
      const inSavepoint = !(bare && p.replayable);
      if (inSavepoint) {
        bare = false;
        sql.savepoint.run();
      }
      let value: unknown;
      try {
        value = p.work();
      } catch (error) {
        if (!inSavepoint) return REPLAY;
        unitEnded(results, { ok: false, error }, true);
        continue;
      }
      if (isThenable(value)) {
        const next = i + 1;
        return Promise.resolve(value).then(
          (v) => (unitEnded(results, { ok: true, value: v }, inSavepoint), runFrom(batch, results, next, bare)),
          (error: unknown) => (inSavepoint ? (unitEnded(results, { ok: false, error }, true), runFrom(batch, results, next, false)) : REPLAY),
        );
      }
      unitEnded(results, { ok: true, value }, inSavepoint);
    }
  };

  const abandon = (batch: Pending[], error: unknown) => {
    if (db.inTransaction) sql.rollback.run();
    failBatch(batch, error);
  };

  /** One transaction over the batch: bare units first when `bare`, else every unit in its savepoint. */
  const runBatch = (batch: Pending[], bare: boolean) => {
    const results: Result[] = [];
    try {
      sql.begin.run();
    } catch (error) {
      return failBatch(batch, error);
    }
    const ended = (ran: Ran) => {
      if (ran !== REPLAY) return finish(batch, results);
      try {
        // A failed statement may have ended the transaction already (SQLite does for some errors).
        if (db.inTransaction) sql.rollback.run();
      } catch (error) {
        return failBatch(batch, error);
      }
      runBatch(batch, false);
    };
    let ran: Ran | Promise<Ran>;
    try {
      ran = runFrom(batch, results, 0, bare);
    } catch (error) {
      // Only the savepoint statements themselves can throw here: the transaction is unusable.
      return abandon(batch, error);
    }
    if (!isThenable(ran)) return ended(ran);
    ran.then(ended, (error: unknown) => abandon(batch, error));
  };

  const flush = () => {
    scheduled = false;
    if (paused) return;
    flushing = true;
    runBatch(queue.splice(0, maxBatch), true);
  };

  const schedule = () => {
    if (scheduled || flushing || paused || syncing) return;
    scheduled = true;
    setImmediate(flush);
  };

  return {
    run<T>(work: () => T | Promise<T>, options: UnitOptions = {}): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, replayable: options.replayable === true, resolve: resolve as (v: unknown) => void, reject });
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
