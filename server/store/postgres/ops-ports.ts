import type { CredentialPort } from '../ports/credentials.js';
import type { EndpointPort } from '../ports/endpoints.js';
import type { MaintenancePort } from '../ports/maintenance.js';
import type { RejectionPort } from '../ports/rejections.js';
import type { RetentionPort } from '../ports/retention.js';
import type { StatsPort } from '../ports/stats.js';
import type { Access } from './create-postgres-store.js';
import { postgresCredentials as credentials } from './credential-repo.js';
import { postgresEndpoints as endpoints } from './endpoint-repo.js';
import { postgresMaintenance as upkeep } from './maintenance-repo.js';
import { postgresRejections as rejections } from './rejection-repo.js';
import { postgresRetention as retention } from './retention-repo.js';
import { postgresStats as stats } from './stats-repo.js';

/** Credentials, endpoints, refusals, retention and statistics: single statements, or a transaction where an operation is atomic over several. */
export function opsPortsOver({ one, unit }: Access): {
  credentials: CredentialPort;
  endpoints: EndpointPort;
  rejections: RejectionPort;
  retention: RetentionPort;
  stats: StatsPort;
} {
  return {
    credentials: {
      list: () => one((q) => credentials.list(q)),
      all: () => one((q) => credentials.all(q)),
      get: (id) => one((q) => credentials.get(q, id)),
      insert: (c) => one((q) => credentials.insert(q, c)),
      update: (c) => one((q) => credentials.update(q, c)),
      remove: (id) => one((q) => credentials.remove(q, id)),
    },
    endpoints: {
      listDisabled: () => one((q) => endpoints.listDisabled(q)),
      disable: (e) => one((q) => endpoints.disable(q, e)),
      enable: (id, at) => one((q) => endpoints.enable(q, id, at)),
    },
    rejections: {
      addCounts: (counts, pruneBeforeMinute) => unit((q) => rejections.addCounts(q, counts, pruneBeforeMinute)),
      countsSince: (workflowId, sinceMinute) => one((q) => rejections.countsSince(q, workflowId, sinceMinute)),
      addRequests: (requests, maxPerTrigger, pruneBefore) => unit((q) => rejections.addRequests(q, requests, maxPerTrigger, pruneBefore)),
      listRequests: (workflowId, filter) => one((q) => rejections.listRequests(q, workflowId, filter)),
    },
    retention: {
      workflowIds: () => one((q) => retention.workflowIds(q)),
      deleteExpired: (workflowId, statuses, limits, limit) => unit((q) => retention.deleteExpired(q, workflowId, statuses, limits, limit)),
      // The usual run has nothing over the cap: a probe in autocommit answers that without a transaction around it.
      truncateStepPayloads: async (runId, maxBytes) =>
        maxBytes > 0 && (await one((q) => retention.hasOversizedSteps(q, runId, maxBytes))) ? unit((q) => retention.truncateStepPayloads(q, runId, maxBytes)) : 0,
    },
    stats: {
      queueDue: (now) => one((q) => stats.queueDue(q, now)),
      activeRuns: () => one((q) => stats.activeRuns(q)),
      perWorkflow: () => one((q) => stats.perWorkflow(q)),
      rowCounts: () => one((q) => stats.rowCounts(q)),
      storageSize: () => one((q) => stats.storageSize(q)),
      samplesSince: (at) => one((q) => stats.samplesSince(q, at)),
      sampleAtOrBefore: (at) => one((q) => stats.sampleAtOrBefore(q, at)),
      latestSampleAt: () => one((q) => stats.latestSampleAt(q)),
    },
  };
}

/** Upkeep of the database (maintenance-repo.ts says what each operation is on PostgreSQL); outside units of work. */
export function maintenanceOver({ one, unit }: Access): MaintenancePort {
  return {
    compact: () => upkeep.compact(),
    checkpoint: () => upkeep.checkpoint(),
    recordSample: (sample, pruneBefore) => unit((q) => upkeep.recordSample(q, sample, pruneBefore)),
    probeWrite: (at) => one((q) => upkeep.probeWrite(q, at)),
  };
}
