import type { Db } from '../store/sqlite/database.js';
import { createCredentialRepo } from '../store/sqlite/credential-repo.js';
import type { RunRepo } from '../store/sqlite/run-repo.js';
import type { WorkflowRepo } from '../store/sqlite/workflow-repo.js';
import { createAuditTargets, type AuditTarget } from './audit-targets.js';

/**
 * The audit targets read straight from the database: a workflow with its current definition,
 * a credential's name and type (its sealed data is dropped here, never passed on), a run's status.
 */
export function auditTargetsOver(db: Db, r: { workflows: WorkflowRepo; runs: Pick<RunRepo, 'get'> }): Record<string, AuditTarget> {
  const credentials = createCredentialRepo(db);
  return createAuditTargets({
    workflow(id) {
      const w = r.workflows.get(id);
      const v = w && r.workflows.getVersion(id, w.currentVersion);
      return w && { name: w.name, active: w.active, version: w.currentVersion, definition: v?.definition };
    },
    credential(id) {
      const c = credentials.get(id);
      return c && { name: c.name, type: c.type };
    },
    run(id) {
      const run = r.runs.get(id);
      return run && { status: run.status, workflowId: run.workflowId };
    },
  });
}
