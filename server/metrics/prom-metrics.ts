import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MetricSources } from './metric-sources.js';
import type { OpsObserver } from './observer.js';

const STEP_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

/** Sets a labelled gauge from a fresh count per label value, zeroing the values not seen this time. */
function setAll(g: Gauge<'status'> | Gauge<'state'>, label: 'status' | 'state', known: readonly string[], rows: ReadonlyArray<{ status: string; n: number }>) {
  const byValue = new Map(rows.map((r) => [r.status, r.n]));
  for (const v of new Set([...known, ...byValue.keys()])) (g as Gauge<string>).set({ [label]: v }, byValue.get(v) ?? 0);
}

/**
 * The Prometheus registry of a Switchyard server: counters fed through the returned
 * `observer`, gauges computed at scrape time from `sources`, plus Node's process metrics.
 * Every name is listed in docs/operations.md.
 */
export function createMetrics(sources: MetricSources) {
  // One read of each source per scrape, however many gauges use it. The storage reads are
  // asynchronous (ports), so `render` reads them first and the gauges' collect callbacks use that.
  type Stored = { queue: Awaited<ReturnType<MetricSources['queue']>>; activeRuns: Awaited<ReturnType<MetricSources['activeRuns']>>; storage: Awaited<ReturnType<MetricSources['storage']>> };
  let stored: Stored | undefined;
  const read = <K extends keyof Stored>(k: K): Stored[K] => {
    if (!stored) throw new Error('metrics are read through render()');
    return stored[k];
  };
  const memo = new Map<string, unknown>();
  const once =
    <K extends 'endpoints' | 'sandbox'>(k: K) =>
    (): ReturnType<MetricSources[K]> => {
      if (!memo.has(k)) memo.set(k, sources[k]());
      return memo.get(k) as ReturnType<MetricSources[K]>;
    };
  const cached = { queue: () => read('queue'), endpoints: once('endpoints'), sandbox: once('sandbox'), storage: () => read('storage') };
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const reg = { registers: [registry] };

  const requests = new Counter({ name: 'switchyard_http_requests_total', help: 'HTTP requests answered, by route pattern, method and status.', labelNames: ['route', 'method', 'status'], ...reg });
  const requestSeconds = new Histogram({
    name: 'switchyard_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route pattern.',
    labelNames: ['route'],
    buckets: HTTP_BUCKETS,
    ...reg,
  });
  const accepted = new Counter({ name: 'switchyard_events_accepted_total', help: 'Trigger requests stored durably (acknowledged).', ...reg });
  const duplicates = new Counter({ name: 'switchyard_events_duplicate_total', help: 'Trigger requests with an idempotency key seen before (answered with the original run).', ...reg });
  const rejected = new Counter({ name: 'switchyard_events_rejected_total', help: 'Trigger requests refused before anything was stored, by reason.', labelNames: ['reason'], ...reg });
  const backlogFull = new Counter({
    name: 'switchyard_ingest_backlog_full_total',
    help: 'Trigger requests answered 503 with Retry-After because the backlog of runs waiting to start was past its bound (INGEST_MAX_BACKLOG, INGEST_MAX_BACKLOG_MB).',
    ...reg,
  });
  const runsFinished = new Counter({ name: 'switchyard_runs_finished_total', help: 'Runs that ended, by final status.', labelNames: ['status'], ...reg });
  const steps = new Histogram({
    name: 'switchyard_step_duration_seconds',
    help: "Duration of step attempts, by node type and the attempt's status.",
    labelNames: ['node_type', 'status'],
    buckets: STEP_BUCKETS,
    ...reg,
  });
  const deliveries = new Counter({
    name: 'switchyard_delivery_attempts_total',
    help: 'Outbound delivery attempts, by outcome (delivered, failed, deferred) and error or hold code.',
    labelNames: ['outcome', 'code'],
    ...reg,
  });
  const sweptRuns = new Counter({ name: 'switchyard_retention_deleted_runs_total', help: 'Runs deleted by the retention policy.', ...reg });
  const sweptEvents = new Counter({ name: 'switchyard_retention_deleted_events_total', help: 'Events deleted by the retention policy (no run referred to them any more).', ...reg });
  let restartsSeen = 0;
  new Counter({
    name: 'switchyard_sandbox_restarts_total',
    help: 'Sandbox processes restarted after a crash, a hang or an out-of-memory kill.',
    ...reg,
    collect() {
      const s = cached.sandbox();
      if (s && s.restarts > restartsSeen) {
        this.inc(s.restarts - restartsSeen);
        restartsSeen = s.restarts;
      }
    },
  });

  new Gauge({
    name: 'switchyard_up',
    help: '1 while the server runs.',
    ...reg,
    collect() {
      this.set(1);
    },
  });
  new Gauge({
    name: 'switchyard_queue_jobs',
    help: 'Jobs in the run queue by status.',
    labelNames: ['status'],
    ...reg,
    collect() {
      const q = cached.queue();
      setAll(this, 'status', ['queued', 'running', 'retry_wait'], q.depth);
    },
  });
  new Gauge({
    name: 'switchyard_queue_due_jobs',
    help: 'Jobs due now and not yet claimed (queued or retry_wait with run_at in the past).',
    ...reg,
    collect() {
      this.set(cached.queue().due);
    },
  });
  new Gauge({
    name: 'switchyard_queue_oldest_due_age_seconds',
    help: 'How long the oldest due, unclaimed job has been due (0 when none).',
    ...reg,
    collect() {
      const at = cached.queue().oldestDueAt;
      this.set(at === null ? 0 : Math.max(0, (sources.now() - at) / 1000));
    },
  });
  new Gauge({
    name: 'switchyard_runs',
    help: 'Unfinished runs by status.',
    labelNames: ['status'],
    ...reg,
    collect() {
      setAll(this, 'status', ['queued', 'running', 'waiting'], read('activeRuns'));
    },
  });
  // A gauge read from one number at scrape time.
  const value = (read: () => number) =>
    function (this: Gauge) {
      this.set(read());
    };
  new Gauge({ name: 'switchyard_runs_executing', help: 'Runs this process is executing right now.', ...reg, collect: value(() => sources.executing()) });
  new Gauge({
    name: 'switchyard_runs_executing_data_bytes',
    help: 'About how many bytes of trigger data the runs this process executes hold; past WORKER_RUN_DATA_MB it claims fewer runs than it has slots.',
    ...reg,
    collect: value(() => sources.executingBytes()),
  });
  new Gauge({
    name: 'switchyard_endpoints',
    help: 'Outbound endpoints (origins) this process tracks, by state.',
    labelNames: ['state'],
    ...reg,
    collect() {
      setAll(this, 'state', ['healthy', 'failing', 'recovering', 'disabled'], cached.endpoints());
    },
  });
  new Gauge({
    name: 'switchyard_circuit_breakers_open',
    help: 'Endpoints whose circuit breaker is open (failing) or half-open (recovering).',
    ...reg,
    collect() {
      this.set(
        cached
          .endpoints()
          .filter((e) => e.status === 'failing' || e.status === 'recovering')
          .reduce((sum, e) => sum + e.n, 0),
      );
    },
  });
  const sandbox = (pick: (s: NonNullable<ReturnType<MetricSources['sandbox']>>) => number) =>
    function (this: Gauge) {
      const s = cached.sandbox();
      this.set(s ? pick(s) : 0);
    };
  new Gauge({ name: 'switchyard_sandbox_processes', help: 'Sandbox processes alive.', ...reg, collect: sandbox((s) => s.processes) });
  new Gauge({ name: 'switchyard_sandbox_busy', help: 'Sandbox processes running a call.', ...reg, collect: sandbox((s) => s.busy) });
  new Gauge({ name: 'switchyard_sandbox_queued_calls', help: 'Code and expression calls waiting for a sandbox process.', ...reg, collect: sandbox((s) => s.queued) });
  new Gauge({ name: 'switchyard_db_size_bytes', help: 'Size of the SQLite database file.', ...reg, collect: value(() => cached.storage().dbBytes) });
  new Gauge({ name: 'switchyard_db_wal_size_bytes', help: 'Size of the SQLite write-ahead log.', ...reg, collect: value(() => cached.storage().walBytes) });
  new Gauge({ name: 'switchyard_db_free_bytes', help: 'Free pages inside the database file (given back by incremental vacuum).', ...reg, collect: value(() => cached.storage().freeBytes) });

  const observer: OpsObserver = {
    request(route, method, status, seconds) {
      requests.inc({ route, method, status: String(status) });
      requestSeconds.observe({ route }, seconds);
    },
    eventAccepted: () => accepted.inc(),
    eventDuplicate: () => duplicates.inc(),
    eventRejected: (reason) => rejected.inc({ reason }),
    backlogFull: () => backlogFull.inc(),
    runFinished: (status) => runsFinished.inc({ status }),
    stepFinished: (nodeType, status, seconds) => steps.observe({ node_type: nodeType, status }, seconds),
    deliveryAttempt: (outcome, code) => deliveries.inc({ outcome, code }),
    retentionSwept(runs, events) {
      sweptRuns.inc(runs);
      sweptEvents.inc(events);
    },
  };

  return {
    observer,
    registry,
    contentType: registry.contentType,
    /** The text exposition (runs every gauge's collect callback). */
    render: async () => {
      memo.clear();
      const [queue, activeRuns, storage] = await Promise.all([sources.queue(), sources.activeRuns(), sources.storage()]);
      stored = { queue, activeRuns, storage };
      return registry.metrics();
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
