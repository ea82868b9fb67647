import type pg from 'pg';
import type { Store, StoreTx } from '../ports/store.js';
import { inTransaction, sqlOver, type Sql } from './sql.js';
import { postgresEvents as events } from './event-repo.js';
import { postgresJobs as jobs } from './job-repo.js';
import { holdAndRecord } from './hold-and-record.js';
import { finishRun } from './finish-run.js';
import { parkRun } from './park-run.js';
import { postgresRuns as runs } from './run-repo.js';
import { searchRuns } from './run-search.js';
import { runToContinue } from './run-to-continue.js';
import { postgresSchedules as schedules } from './schedule-repo.js';
import { startRunPostgres } from './start-run.js';
import { isNewEventStart } from './start-runs-together.js';
import { createStartBatcher, type StartBatcher } from './start-batcher.js';
import { createRunBatches, type RunBatches } from './run-batches.js';
import { postgresSteps as steps } from './step-repo.js';
import { postgresTriggers as triggers } from './trigger-repo.js';
import { postgresWorkflows as workflows } from './workflow-repo.js';
import { maintenanceOver, opsPortsOver } from './ops-ports.js';
import { userPortsOver } from './user-ports.js';
import { postgresHolds as holds } from './hold-repo.js';
import { postgresVariables as variables } from './variable-repo.js';
import { postgresDataStore as datastore } from './datastore-repo.js';
import { postgresOAuth as oauth } from './oauth-repo.js';

/**
 * How an operation reaches the database. `one`: a single statement (atomic by itself).
 * `unit`: several statements that must commit together. Outside `write`, `one` runs on the
 * pool in autocommit and `unit` in its own transaction; inside `write`, both run on the unit's
 * connection, in its transaction.
 */
export interface Access {
  one<T>(op: (q: Sql) => Promise<T>): Promise<T>;
  unit<T>(op: (q: Sql) => Promise<T>): Promise<T>;
  /** Leases on the database's clock (PostgresStoreOptions). */
  databaseClock?: boolean;
  /** Outside `write`: run starts from new events and intakes go through the group commit (start-batcher.ts). */
  batch?: StartBatcher;
  /** Outside `write`: the executor's per-run statements of one event-loop turn share a statement (run-batches.ts). */
  runBatches?: RunBatches;
}

export interface PostgresStoreOptions {
  /** Claims, lease renewals and reclaims read the time from the database (clock_timestamp()) instead of the caller's `now`. */
  databaseClock?: boolean;
  /** Run starts from new events (and intakes) per group-commit transaction at most; 0 turns batching off (each start its own transaction). Default 500. */
  startBatch?: number;
  /** The executor's loads, step commits and ends of runs per shared statement at most (run-batches.ts); 0 turns that batching off (a statement per call). Default 64. */
  runBatch?: number;
}

/** Every port over the statements of ./*-repo.ts. */
function portsOver(a: Access): StoreTx {
  const { one, unit, databaseClock, batch, runBatches } = a;
  return {
    workflows: {
      get: (id) => one((q) => workflows.get(q, id)),
      list: () => one((q) => workflows.list(q)),
      getVersion: (id, version) => one((q) => workflows.getVersion(q, id, version)),
      listVersions: (id) => one((q) => workflows.listVersions(q, id)),
      create: (id, def, now, userId) => unit((q) => workflows.create(q, id, def, now, userId)),
      addVersion: (id, def, now, userId) => unit((q) => workflows.addVersion(q, id, def, now, userId)),
      addVersionIf: (id, def, now, author, base) => unit((q) => workflows.addVersionIf(q, id, def, now, author, base)),
      publish: (id, version, now, by, message) => one((q) => workflows.publish(q, id, version, now, by, message)),
      setActive: (id, active, now) => one((q) => workflows.setActive(q, id, active, now)),
      remove: (id) => one((q) => workflows.remove(q, id)),
    },
    triggers: {
      match: (token, now) => one((q) => triggers.match(q, token, now)),
      byNode: (workflowId, nodeId) => one((q) => triggers.byNode(q, workflowId, nodeId)),
      forWorkflow: (workflowId) => one((q) => triggers.forWorkflow(q, workflowId)),
      retiredOf: (workflowId, now) => one((q) => triggers.retiredOf(q, workflowId, now)),
      rotate: (workflowId, nodeId, token, now, graceMs) => unit((q) => triggers.rotate(q, workflowId, nodeId, token, now, graceMs)),
      sync: (workflowId, nodeIds, newToken, now) => unit((q) => triggers.sync(q, workflowId, nodeIds, newToken, now)),
    },
    runs: {
      startRun: (input) => (batch && isNewEventStart(input) ? batch.startRun(input) : unit((q) => startRunPostgres(q, input))),
      get: (id) => one((q) => runs.get(q, id)),
      statusOf: (id) => one((q) => runs.statusOf(q, id)),
      toContinue: (id) => (runBatches ? runBatches.toContinue(id) : one((q) => runToContinue(q, id))),
      list: (filter) => one((q) => runs.list(q, filter)),
      search: (filter, examineAtMost) => one((q) => searchRuns(q, filter, examineAtMost)),
      // Every body path is found through the GIN index events_body_json already (run-search.ts): nothing to keep per path.
      declareSearchPaths: () => Promise.resolve(),
      latest: (workflowId) => one((q) => runs.latest(q, workflowId)),
      unfinishedFromPath: (workflowId, path) => one((q) => runs.unfinishedFromPath(q, workflowId, path)),
      countSince: (workflowId, since) => one((q) => runs.countSince(q, workflowId, since)),
      getEvent: (id) => one((q) => events.get(q, id)),
      latestEventId: (workflowId, nodeId) => one((q) => events.latestId(q, workflowId, nodeId)),
      findByDedupeKey: (workflowId, key) => one((q) => events.originalRun(q, workflowId, key)),
      markRunning: (id, now) => one(async (q) => (await runs.markRunning(q, [id], now)) === 1),
      markWaiting: (id, wakeAt) => one((q) => runs.markWaiting(q, id, wakeAt)),
      finish: (id, status, error, now) => one((q) => runs.finish(q, id, status, error, now)),
      cancel: (id, reason, now) => unit((q) => runs.cancel(q, id, reason, now)),
      waitedChildren: (runId) => one((q) => runs.waitedChildren(q, runId)),
      wakeParentSteps: (runId, now) => one((q) => runs.wakeParentSteps(q, runId, now)),
      lockAsParent: (runId) => one((q) => runs.lockAsParent(q, runId)),
    },
    jobs: {
      claimJobs: (owner, now, leaseMs, limit) => one((q) => jobs.claim(q, owner, now, leaseMs, limit, databaseClock)),
      renewLease: (lease, until) => one((q) => jobs.heartbeat(q, lease, until, databaseClock)),
      holdAndRecord: (lease, until, records) => (runBatches ? runBatches.holdAndRecord(lease, until, records) : one((q) => holdAndRecord(q, lease, until, records, databaseClock))),
      finishRun: (lease, end, records, now) => (runBatches ? runBatches.finishRun(lease, end, records, now) : one((q) => finishRun(q, lease, end, records, now))),
      parkRun: (lease, until, records, now) => one((q) => parkRun(q, lease, until, records, now)),
      reschedule: (lease, status, runAt, now) => one((q) => jobs.reschedule(q, lease, status, runAt, now)),
      complete: (lease, status, now) => one((q) => jobs.complete(q, lease, status, now)),
      wakeNow: (runId, now) => one((q) => jobs.wakeNow(q, runId, now)),
      cancelIdle: (runId, now) => one((q) => jobs.cancelIdle(q, runId, now)),
      releaseLeases: (owner, now) => one((q) => jobs.releaseOwner(q, owner, now)),
      reclaimExpiredLeases: (now) => one((q) => jobs.reclaimExpired(q, now, databaseClock)),
      reclaimOthersLeases: (owner, now) => one((q) => jobs.reclaimOthers(q, owner, now)),
      nextDueAt: () => one((q) => jobs.nextRunAt(q)),
      depth: () => one((q) => jobs.depth(q)),
    },
    steps: {
      recordStep: (record) => one((q) => steps.insert(q, record)),
      forRun: (runId) => one((q) => steps.forRun(q, runId)),
      inFrame: (runId, frame) => one((q) => steps.inFrame(q, runId, frame)),
      iterations: (runId, loopId, parent, offset, limit) => one((q) => steps.iterations(q, runId, loopId, parent, offset, limit)),
    },
    schedules: {
      all: () => one((q) => schedules.all(q)),
      get: (workflowId, nodeId) => one((q) => schedules.get(q, workflowId, nodeId)),
      upsert: (state) => one((q) => schedules.upsert(q, state)),
      remove: (workflowId, nodeId) => one((q) => schedules.remove(q, workflowId, nodeId)),
    },
    ...userPortsOver(a),
    ...opsPortsOver(a),
    holds: {
      intake: (input) => (batch ? batch.intake(input) : unit((q) => holds.intake(q, input))),
      pause: (workflowId, now) => one((q) => holds.pause(q, workflowId, now)),
      beginResume: (workflowId, now) => unit((q) => holds.beginResume(q, workflowId, now)),
      release: (workflowId, limit, now) => unit((q) => holds.release(q, workflowId, limit, now)),
      status: (workflowId) => unit((q) => holds.status(q, workflowId)),
      resuming: () => one((q) => holds.resuming(q)),
    },
    waits: {
      recordCall: (key, maxUses, payload, now) => unit((q) => holds.recordCall(q, key, maxUses, payload, now)),
      calls: (key) => one((q) => holds.calls(q, key)),
    },
    variables: {
      list: () => one((q) => variables.list(q)),
      get: (name) => one((q) => variables.get(q, name)),
      insert: (v) => one((q) => variables.insert(q, v)),
      update: (v) => one((q) => variables.update(q, v)),
      remove: (name) => one((q) => variables.remove(q, name)),
    },
    datastore: {
      get: (scope, key, now) => one((q) => datastore.get(q, scope, key, now)),
      set: (scope, key, value, expiresAt, now) => one((q) => datastore.set(q, scope, key, value, expiresAt, now)),
      increment: (scope, key, by, expiresAt, now) => one((q) => datastore.increment(q, scope, key, by, expiresAt, now)),
      remove: (scope, key, now) => one((q) => datastore.remove(q, scope, key, now)),
      list: (query) => one((q) => datastore.list(q, query)),
      claim: (scope, key, value, expiresAt, now) => one((q) => datastore.claim(q, scope, key, value, expiresAt, now)),
      purgeExpired: (now, limit) => one((q) => datastore.purgeExpired(q, now, limit)),
      footprint: () => one((q) => datastore.footprint(q)),
    },
    oauth: {
      addState: (st) => one((q) => oauth.addState(q, st)),
      takeState: (hash, now) => one((q) => oauth.takeState(q, hash, now)),
      purgeStates: (now) => one((q) => oauth.purgeStates(q, now)),
      getTokens: (id) => one((q) => oauth.getTokens(q, id)),
      connections: () => one((q) => oauth.connections(q)),
      putTokens: (t, expected) => one((q) => oauth.putTokens(q, t, expected)),
      claimRefresh: (id, generation, owner, now, until) => one((q) => oauth.claimRefresh(q, id, generation, owner, now, until)),
      releaseRefresh: (id, owner) => one((q) => oauth.releaseRefresh(q, id, owner)),
      markReconnectNeeded: (id, generation, problem, now) => one((q) => oauth.markReconnectNeeded(q, id, generation, problem, now)),
      removeTokens: (id) => one((q) => oauth.removeTokens(q, id)),
    },
  };
}

/**
 * The Store over a PostgreSQL pool. An operation outside `write` is its own unit: one
 * statement in autocommit, or its own transaction when it takes several; either way it
 * resolves after COMMIT returned, and with synchronous_commit=on (pool.ts) that is once the
 * commit is on disk. `write` holds one pooled connection in BEGIN..COMMIT for the whole
 * callback; under the unit-of-work rule (ports/store.ts) the callback awaits only `tx`, so the
 * connection is held for the length of its statements and no longer.
 *
 * Outside `write`, run starts from new events and live intakes are group-committed: those of one
 * event-loop turn share one transaction of set-based inserts (start-batcher.ts); so do the
 * executor's loads, step commits and ends of runs (run-batches.ts).
 *
 * Times come from the caller (`now`), as the ports take them, except with `databaseClock`: then
 * claims, lease renewals and reclaims measure leases and due times on the database's clock.
 */
export function createPostgresStore(pool: pg.Pool, options: PostgresStoreOptions = {}): Store {
  const databaseClock = options.databaseClock ?? false;
  const onPool = sqlOver(pool);
  const unit: Access['unit'] = (op) => inTransaction(pool, (client) => op(sqlOver(client)));
  const maxBatch = options.startBatch ?? 500;
  const batch = maxBatch > 0 ? createStartBatcher({ transact: unit, maxBatch }) : undefined;
  const runBatch = options.runBatch ?? 64;
  const runBatches = runBatch > 0 ? createRunBatches(onPool, databaseClock, runBatch) : undefined;
  const alone: Access = { one: (op) => op(onPool), unit, databaseClock, batch, runBatches };
  return {
    ...portsOver(alone),
    maintenance: maintenanceOver(alone),
    write: (work) =>
      inTransaction(pool, (client) => {
        const q = sqlOver(client);
        return work(portsOver({ one: (op) => op(q), unit: (op) => op(q), databaseClock }));
      }),
  };
}
