/** What finished runs end as; cancellations are counted where they happen (the runs API). */
export type FinishedStatus = 'succeeded' | 'failed' | 'cancelled';

/**
 * The events the server reports for its metrics. The code that has them calls these plain
 * functions; only server/metrics/ knows about Prometheus.
 */
export interface OpsObserver {
  /** An HTTP request answered; `route` is the route pattern (`/api/runs/:id`), never the raw path. */
  request(route: string, method: string, status: number, seconds: number): void;
  eventAccepted(): void;
  /** A repeated idempotency key: answered with the original run. */
  eventDuplicate(): void;
  /** A trigger request refused before anything was stored; `reason` is a short stable word. */
  eventRejected(reason: string): void;
  /** A trigger request turned away with 503 because too much accepted work waits to run (also counted as rejected, `unavailable`). */
  backlogFull(): void;
  runFinished(status: FinishedStatus): void;
  /** One attempt of one step (its final status: succeeded, failed, retrying, waiting, skipped...). */
  stepFinished(nodeType: string, status: string, seconds: number): void;
  /** One outbound delivery attempt; `code` is the error or hold code, '' when delivered. */
  deliveryAttempt(outcome: 'delivered' | 'failed' | 'deferred', code: string): void;
  /** A retention sweep removed this much. */
  retentionSwept(runs: number, events: number): void;
}

/** An observer that records nothing (tests, tools). */
export const noopObserver: OpsObserver = {
  request: () => undefined,
  eventAccepted: () => undefined,
  eventDuplicate: () => undefined,
  eventRejected: () => undefined,
  backlogFull: () => undefined,
  runFinished: () => undefined,
  stepFinished: () => undefined,
  deliveryAttempt: () => undefined,
  retentionSwept: () => undefined,
};
