import pg from 'pg';

/**
 * Group commit for the executor's per-run statements on PostgreSQL (process-local: each process
 * batches only its own calls; nothing is shared between processes). The calls of one operation
 * made in one turn of the event loop (every run whose step or delivery finished in that turn) are
 * collected with setImmediate and sent as one set-based statement: one round trip, one
 * statement for the server to run and one COMMIT (one WAL flush) for all of them, where each
 * call cost one of each. A statement per run was most of what the one-process PostgreSQL mode
 * spent per event, on both sides of the socket (docs/scale-out.md, "Runs of one turn together").
 *
 * Every item keeps its own guarantees inside the statement (each run's fence is its own row
 * guard) and each caller resolves only after the statement committed. While `maxInFlight`
 * batches are out, new calls queue and form the next batch: the busier the process, the bigger
 * the batches, and an idle process sends each call alone at once.
 */
export interface TurnBatcherOptions<I, R> {
  /** Runs `items` as one statement in autocommit; one result per item, in order. */
  many: (items: readonly I[]) => Promise<R[]>;
  /** Items per statement at most (a bigger backlog is split). */
  maxBatch?: number;
  /** Statements out at once; further calls wait and join the next batch. */
  maxInFlight?: number;
  /**
   * Whether, after this error of a batch of several, each item may be tried alone so that one
   * item's failure fails only its own caller. Default: the server answered with an error
   * (`answeredWithError`).
   */
  retryAlone?: (error: unknown) => boolean;
}

interface Pending<I, R> {
  item: I;
  resolve: (r: R) => void;
  reject: (error: unknown) => void;
}

/**
 * The server answered with an error (a deadlock victim, a value it refuses): the statement was
 * rolled back whole, nothing of the batch was stored, and each item can be tried alone. After a
 * broken connection whether the COMMIT happened is unknown, and every caller of the batch sees
 * that error, as a call alone would.
 */
export const answeredWithError = (error: unknown) => error instanceof pg.DatabaseError;

/** A batcher of one operation: `run(item)` resolves with that item's result once its batch committed. */
export function createTurnBatcher<I, R>(o: TurnBatcherOptions<I, R>) {
  const maxBatch = o.maxBatch ?? 64;
  const maxInFlight = o.maxInFlight ?? 2;
  const retryAlone = o.retryAlone ?? answeredWithError;
  const queue: Pending<I, R>[] = [];
  let scheduled = false;
  let inFlight = 0;

  const schedule = () => {
    if (scheduled || !queue.length || inFlight >= maxInFlight) return;
    scheduled = true;
    setImmediate(flush);
  };

  const alone = (p: Pending<I, R>) =>
    o.many([p.item]).then(
      ([r]) => p.resolve(r as R),
      (error: unknown) => p.reject(error),
    );

  function flush(): void {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    if (!batch.length) return;
    inFlight++;
    schedule();
    void o
      .many(batch.map((p) => p.item))
      .then(
        (results): unknown => batch.forEach((p, i) => p.resolve(results[i] as R)),
        (error: unknown): unknown => (batch.length > 1 && retryAlone(error) ? Promise.all(batch.map(alone)) : batch.forEach((p) => p.reject(error))),
      )
      .finally(() => {
        inFlight--;
        schedule();
      });
  }

  return {
    /** Calls waiting for a batch, and batches not yet answered. */
    get pending() {
      return queue.length + inFlight;
    },
    run: (item: I) =>
      new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        schedule();
      }),
  };
}
