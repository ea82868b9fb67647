import type { Store, StoreTx } from '../ports/store.js';
import type { ParkOutcome } from '../ports/jobs.js';
import type { CheckpointResult } from '../ports/maintenance.js';
import type { CommitQueue, UnitOptions } from './commit-queue.js';
import type { Db } from './database.js';
import { createEventRepo } from './event-repo.js';
import { createJobRepo } from './job-repo.js';
import { createRunRepo } from './run-repo.js';
import { createStepRepo } from './step-repo.js';
import { createTriggerRepo } from './trigger-repo.js';
import { createWorkflowRepo } from './workflow-repo.js';
import { startRunIn } from './start-run.js';
import { createScheduleStateRepo } from './schedule-state-repo.js';
import { createUserRepo } from './user-repo.js';
import { createSessionRepo } from './session-repo.js';
import { createUserLinkRepo } from './user-link-repo.js';
import { createAuditRepo } from './audit-repo.js';
import { userPortsOver } from './user-ports.js';
import { createDataStoreRepo } from './datastore-repo.js';
import { createOpsRepos, maintenanceOver, opsPortsOver } from './ops-ports.js';
import { createHoldRepo } from './hold-repo.js';
import { createVariableRepo } from './variable-repo.js';
import { createOAuthRepo, oauthPortOver } from './oauth-repo.js';

/** The synchronous repositories behind the SQLite store (and the CLI's own operations). */
export function createSqliteRepos(db: Db) {
  const run = { events: createEventRepo(db), runs: createRunRepo(db), steps: createStepRepo(db), jobs: createJobRepo(db) };
  return {
    workflows: createWorkflowRepo(db),
    triggers: createTriggerRepo(db),
    ...run,
    holds: createHoldRepo(db, run),
    schedules: createScheduleStateRepo(db),
    ...createOpsRepos(db),
    users: createUserRepo(db),
    sessions: createSessionRepo(db),
    accountLinks: createUserLinkRepo(db),
    audit: createAuditRepo(db),
    variables: createVariableRepo(db),
    datastore: createDataStoreRepo(db),
    oauth: createOAuthRepo(db),
  };
}
export type Repos = ReturnType<typeof createSqliteRepos>;

/**
 * How an operation reaches the database: a read runs now, a write runs as (or inside) a unit of
 * work. A write marked replayable may run again after a rollback (commit-queue.ts, UnitOptions).
 */
export interface Access {
  read<T>(op: () => T): Promise<T>;
  write<T>(op: () => T, options?: UnitOptions): Promise<T>;
}

/** The units every event takes: each only runs statements and builds its answer from them. */
const REPLAYABLE: UnitOptions = { replayable: true };

/** Every port over the repositories; `a` decides whether writes go through the commit queue or run in the open transaction. */
function portsOver(r: Repos, a: Access): StoreTx {
  const { read, write } = a;
  return {
    workflows: {
      get: (id) => read(() => r.workflows.get(id)),
      list: () => read(() => r.workflows.list()),
      getVersion: (id, version) => read(() => r.workflows.getVersion(id, version)),
      listVersions: (id) => read(() => r.workflows.listVersions(id)),
      create: (id, def, now, userId) => write(() => r.workflows.insert(id, def, now, userId)),
      addVersion: (id, def, now, userId) => write(() => r.workflows.addVersion(id, def, now, userId)),
      addVersionIf: (id, def, now, author, base) => write(() => r.workflows.addVersionIf(id, def, now, author, base)),
      publish: (id, version, now, by, message) => write(() => r.workflows.publish(id, version, now, by, message)),
      setActive: (id, active, now) => write(() => r.workflows.setActive(id, active, now)),
      remove: (id) => write(() => r.workflows.remove(id)),
    },
    triggers: {
      match: (token, now) => read(() => r.triggers.match(token, now)),
      byNode: (workflowId, nodeId) => read(() => r.triggers.byNode(workflowId, nodeId)),
      forWorkflow: (workflowId) => read(() => r.triggers.forWorkflow(workflowId)),
      retiredOf: (workflowId, now) => read(() => r.triggers.retiredOf(workflowId, now)),
      rotate: (workflowId, nodeId, token, now, graceMs) => write(() => r.triggers.rotate(workflowId, nodeId, token, now, graceMs)),
      sync: (workflowId, nodeIds, newToken, now) => write(() => r.triggers.sync(workflowId, nodeIds, newToken, now)),
    },
    runs: {
      startRun: (input) => write(() => startRunIn(r, input), REPLAYABLE),
      get: (id) => read(() => r.runs.get(id)),
      statusOf: (id) => read(() => r.runs.statusOf(id)),
      toContinue: (id) =>
        read(() => {
          const run = r.runs.get(id);
          const event = run && r.events.get(run.eventId);
          return run && event ? { run, event, steps: r.steps.forRun(id) } : undefined;
        }),
      list: (filter) => read(() => r.runs.list(filter)),
      search: (filter, examineAtMost) => read(() => r.runs.search(filter, examineAtMost)),
      declareSearchPaths: (workflowId, paths) => write(() => r.runs.declareSearchPaths(workflowId, paths)),
      latest: (workflowId) => read(() => r.runs.latest(workflowId)),
      unfinishedFromPath: (workflowId, path) => read(() => r.runs.unfinishedFromPath(workflowId, path)),
      countSince: (workflowId, since) => read(() => r.runs.countSince(workflowId, since)),
      getEvent: (id) => read(() => r.events.get(id)),
      latestEventId: (workflowId, nodeId) => read(() => r.events.latestId(workflowId, nodeId)),
      findByDedupeKey: (workflowId, key) => read(() => r.events.originalRun(workflowId, key)),
      markRunning: (id, now) => write(() => r.runs.markRunning(id, now)),
      markWaiting: (id, wakeAt) => write(() => r.runs.markWaiting(id, wakeAt)),
      finish: (id, status, error, now) => write(() => r.runs.finish(id, status, error, now)),
      cancel: (id, reason, now) => write(() => r.runs.cancel(id, reason, now)),
      waitedChildren: (runId) => read(() => r.runs.waitedChildren(runId)),
      wakeParentSteps: (runId, now) => write(() => r.runs.wakeParentSteps(runId, now)),
      // One writer: units of work never overlap, so a park and a child's end are ordered already.
      lockAsParent: () => Promise.resolve(),
    },
    jobs: {
      claimJobs: (owner, now, leaseMs, limit) =>
        write(() => {
          const claimed = r.jobs.claim(owner, now, leaseMs, limit);
          // The guarded move to running tells whether the run was still live: the executor needs no read of its own.
          for (const j of claimed) j.runActive = r.runs.markRunning(j.runId, now);
          return claimed;
        }, REPLAYABLE),
      renewLease: (lease, until) => write(() => r.jobs.heartbeat(lease, until)),
      holdAndRecord: (lease, until, steps) =>
        write(() => {
          if (!r.jobs.heartbeat(lease, until)) return undefined;
          for (const s of steps) r.steps.insert(s);
          return r.runs.statusOf(lease.runId);
        }, REPLAYABLE),
      parkRun: (lease, until, steps, now) =>
        write((): ParkOutcome => {
          // Read in this unit (one writer: nothing lands between it and the writes), in place of
          // the executor's own read before the park. A cancelled run is left held, unwritten.
          if (r.runs.statusOf(lease.runId) === 'cancelled') return 'cancelled';
          // The job's move is the fence: a stale claim writes nothing.
          if (!r.jobs.reschedule(lease, 'retry_wait', until, now)) return 'lost';
          for (const s of steps) r.steps.insert(s);
          r.runs.markWaiting(lease.runId, until);
          return 'parked';
        }, REPLAYABLE),
      finishRun: (lease, end, steps, now) =>
        write(() => {
          if (!r.jobs.complete(lease, end.status, now)) return undefined;
          for (const s of steps) r.steps.insert(s);
          // Told here, in the same unit, so that a run with no payload past the cap (the usual run)
          // costs the truncation no unit of its own afterwards (a savepoint and a probe per run).
          return { changed: r.runs.finish(lease.runId, end.status, end.error, now), largestPayload: r.steps.largestPayload(lease.runId) };
        }, REPLAYABLE),
      reschedule: (lease, status, runAt, now) => write(() => r.jobs.reschedule(lease, status, runAt, now)),
      complete: (lease, status, now) => write(() => r.jobs.complete(lease, status, now)),
      wakeNow: (runId, now) => write(() => r.jobs.wakeNow(runId, now)),
      cancelIdle: (runId, now) => write(() => r.jobs.cancelIdle(runId, now)),
      releaseLeases: (owner, now) => write(() => r.jobs.releaseOwner(owner, now)),
      reclaimExpiredLeases: (now) => write(() => r.jobs.reclaimExpired(now)),
      reclaimOthersLeases: (owner, now) => write(() => r.jobs.reclaimOthers(owner, now)),
      nextDueAt: () => read(() => r.jobs.nextRunAt()),
      depth: () => read(() => r.jobs.depth()),
    },
    steps: {
      recordStep: (record) => write(() => r.steps.insert(record)),
      forRun: (runId) => read(() => r.steps.forRun(runId)),
      inFrame: (runId, frame) => read(() => r.steps.inFrame(runId, frame)),
      iterations: (runId, loopId, parent, offset, limit) => read(() => r.steps.iterations(runId, loopId, parent, offset, limit)),
    },
    schedules: {
      all: () => read(() => r.schedules.all()),
      get: (workflowId, nodeId) => read(() => r.schedules.get(workflowId, nodeId)),
      upsert: (state) => write(() => r.schedules.upsert(state)),
      remove: (workflowId, nodeId) => write(() => r.schedules.remove(workflowId, nodeId)),
    },
    holds: {
      intake: (input) => write(() => r.holds.intake(input), REPLAYABLE),
      pause: (workflowId, now) => write(() => r.holds.pause(workflowId, now)),
      beginResume: (workflowId, now) => write(() => r.holds.beginResume(workflowId, now)),
      release: (workflowId, limit, now) => write(() => r.holds.release(workflowId, limit, now)),
      status: (workflowId) => read(() => r.holds.status(workflowId)),
      resuming: () => read(() => r.holds.resuming()),
    },
    waits: {
      recordCall: (key, maxUses, payload, now) => write(() => r.holds.recordCall(key, maxUses, payload, now)),
      calls: (key) => read(() => r.holds.calls(key)),
    },
    variables: {
      list: () => read(() => r.variables.list()),
      get: (name) => read(() => r.variables.get(name)),
      insert: (v) => write(() => r.variables.insert(v)),
      update: (v) => write(() => r.variables.update(v)),
      remove: (name) => write(() => r.variables.remove(name)),
    },
    datastore: {
      get: (scope, key, now) => read(() => r.datastore.get(scope, key, now)),
      set: (scope, key, value, expiresAt, now) => write(() => r.datastore.set(scope, key, value, expiresAt, now)),
      increment: (scope, key, by, expiresAt, now) => write(() => r.datastore.increment(scope, key, by, expiresAt, now)),
      remove: (scope, key, now) => write(() => r.datastore.remove(scope, key, now)),
      list: (q) => read(() => r.datastore.list(q)),
      claim: (scope, key, value, expiresAt, now) => write(() => r.datastore.claim(scope, key, value, expiresAt, now)),
      purgeExpired: (now, limit) => write(() => r.datastore.purgeExpired(now, limit)),
      footprint: () => read(() => r.datastore.footprint()),
    },
    ...userPortsOver(r, a),
    ...opsPortsOver(r, a),
    oauth: oauthPortOver(r.oauth, a),
  };
}

/** A synchronous call as a promise: a throw becomes a rejection, as an asynchronous store would report it. */
function now<T>(op: () => T): Promise<T> {
  try {
    return Promise.resolve(op());
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * The Store over one SQLite connection. Reads run at once (the driver is synchronous and
 * there is one connection, so a read sees every committed unit). A write outside `write` is
 * its own unit of the commit queue: grouped with the other units of this tick, durable before
 * it resolves. Inside `write`, every operation runs in the open transaction and resolves at
 * once, which is what lets the whole callback run inside one BEGIN..COMMIT (see commit-queue.ts).
 * `checkpoint` replaces the upkeep's checkpoint on this connection (the server's checkpoint thread).
 */
export function createSqliteStore(db: Db, commits: CommitQueue, o: { checkpoint?: () => Promise<CheckpointResult> } = {}): Store & { repos: Repos } {
  const repos = createSqliteRepos(db);
  const tx = portsOver(repos, { read: now, write: now });
  const maintenance = maintenanceOver(repos, { read: now, write: (op) => commits.run(op), outside: now });
  return {
    ...portsOver(repos, { read: now, write: (op, options) => commits.run(op, options) }),
    write: (work) => commits.run(() => work(tx)),
    // The server's WAL checkpoint thread (wal-checkpointer.ts) takes the upkeep's checkpoint when there is one.
    maintenance: o.checkpoint ? { ...maintenance, checkpoint: o.checkpoint } : maintenance,
    repos,
  };
}
