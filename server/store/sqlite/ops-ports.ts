import type { CredentialPort } from '../ports/credentials.js';
import type { EndpointPort } from '../ports/endpoints.js';
import type { MaintenancePort } from '../ports/maintenance.js';
import type { RejectionPort } from '../ports/rejections.js';
import type { RetentionPort } from '../ports/retention.js';
import type { StatsPort } from '../ports/stats.js';
import type { Db } from './database.js';
import { createCredentialRepo } from './credential-repo.js';
import { createEndpointRepo } from './endpoint-repo.js';
import { createQueueStatsRepo } from './queue-stats-repo.js';
import { createRejectionRepo } from './rejection-repo.js';
import { createRetentionRepo } from './retention-repo.js';
import { createStepTruncation } from './step-truncation.js';
import { createStorageSampleRepo } from './storage-sample-repo.js';
import { createStorageUpkeep } from './storage-upkeep.js';

/** The repositories behind credentials, endpoints, refusals, retention, statistics and upkeep. */
export function createOpsRepos(db: Db) {
  return {
    credentials: createCredentialRepo(db),
    endpoints: createEndpointRepo(db),
    rejections: createRejectionRepo(db),
    retention: createRetentionRepo(db),
    truncation: createStepTruncation(db),
    queueStats: createQueueStatsRepo(db),
    samples: createStorageSampleRepo(db),
    upkeep: createStorageUpkeep(db),
  };
}
export type OpsRepos = ReturnType<typeof createOpsRepos>;

/** How an operation reaches the database (see create-sqlite-store.ts). */
interface Access {
  read<T>(op: () => T): Promise<T>;
  write<T>(op: () => T): Promise<T>;
}

/** The ports of this file's repositories that may take part in a unit of work. */
export interface OpsTxPorts {
  credentials: CredentialPort;
  endpoints: EndpointPort;
  rejections: RejectionPort;
  retention: RetentionPort;
  stats: StatsPort;
}

/** Credentials, endpoints, refusals, retention and statistics over the repositories. */
export function opsPortsOver(r: OpsRepos, a: Access): OpsTxPorts {
  const { read, write } = a;
  return {
    credentials: {
      list: () => read(() => r.credentials.list()),
      all: () => read(() => r.credentials.all()),
      get: (id) => read(() => r.credentials.get(id)),
      insert: (c) => write(() => r.credentials.insert(c)),
      update: (c) => write(() => r.credentials.update(c)),
      remove: (id) => write(() => r.credentials.remove(id)),
    },
    endpoints: {
      listDisabled: () => read(() => r.endpoints.listDisabled().flatMap((e) => (e.disabledAt === null ? [] : [{ ...e, disabledAt: e.disabledAt }]))),
      disable: (e) => write(() => r.endpoints.disable(e)),
      enable: (id, at) => write(() => r.endpoints.enable(id, at)),
    },
    rejections: {
      addCounts: (counts, pruneBeforeMinute) => write(() => r.rejections.addCounts(counts, pruneBeforeMinute)),
      countsSince: (workflowId, sinceMinute) => read(() => r.rejections.countsSince(workflowId, sinceMinute)),
      addRequests: (requests, maxPerTrigger, pruneBefore) => write(() => r.rejections.addRequests(requests, maxPerTrigger, pruneBefore)),
      listRequests: (workflowId, q) => read(() => r.rejections.listRequests(workflowId, q)),
    },
    retention: {
      workflowIds: () => read(() => r.retention.workflowIds()),
      deleteExpired: (workflowId, statuses, limits, limit) => write(() => r.retention.deleteExpired(workflowId, statuses, limits, limit)),
      truncateStepPayloads: (runId, maxBytes) => (maxBytes <= 0 ? Promise.resolve(0) : write(() => r.truncation.truncateRunTo(runId, maxBytes))),
    },
    stats: {
      queueDue: (now) => read(() => r.queueStats.due(now)),
      activeRuns: () => read(() => r.queueStats.activeRuns()),
      perWorkflow: () => read(() => r.queueStats.perWorkflow()),
      rowCounts: () => read(() => r.samples.counts()),
      storageSize: () => read(() => r.upkeep.size()),
      samplesSince: (at) => read(() => r.samples.since(at)),
      sampleAtOrBefore: (at) => read(() => r.samples.atOrBefore(at)),
      latestSampleAt: () => read(() => r.samples.latestAt()),
    },
  };
}

/**
 * Upkeep of the file. `compact` and the sample are units of the commit queue (they write);
 * the checkpoint runs outside any transaction, as SQLite requires, right after the queue's
 * last commit (nothing else runs in between: the driver is synchronous).
 */
export function maintenanceOver(r: OpsRepos, a: Access & { outside<T>(op: () => T): Promise<T> }): MaintenancePort {
  return {
    compact: (maxPages) => a.write(() => r.upkeep.compact(maxPages)),
    checkpoint: () => a.outside(() => r.upkeep.checkpoint()),
    recordSample: (sample, pruneBefore) =>
      a.write(() => {
        r.samples.insert(sample);
        r.samples.prune(pruneBefore);
      }),
    probeWrite: (at) => a.write(() => r.upkeep.probeWrite(at)),
  };
}
