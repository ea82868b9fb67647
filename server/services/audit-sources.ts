import type { Store } from '../store/ports/store.js';
import { createAuditTargets, type AuditTarget, type AuditTargetSources } from './audit-targets.js';

/**
 * The audit targets read through the ports: a workflow with its current definition, a
 * credential's name and type (metadata only, never its sealed data), a run's status, and a
 * variable as `variable` describes it (never a secret value).
 */
export function auditTargetsOver(store: Pick<Store, 'workflows' | 'runs' | 'credentials'>, variable?: AuditTargetSources['variable']): Record<string, AuditTarget> {
  return createAuditTargets({
    async workflow(id) {
      const w = await store.workflows.get(id);
      const v = w && (await store.workflows.getVersion(id, w.currentVersion));
      return w && { name: w.name, active: w.active, version: w.currentVersion, definition: v?.definition };
    },
    async credential(id) {
      const c = await store.credentials.get(id);
      return c && { name: c.name, type: c.type };
    },
    ...(variable ? { variable } : {}),
    async run(id) {
      const run = await store.runs.get(id);
      return run && { status: run.status, workflowId: run.workflowId };
    },
  });
}
