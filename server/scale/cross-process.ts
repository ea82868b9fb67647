import type { Logger } from 'pino';
import type { Coordination } from '../store/ports/coordination.js';

export interface CrossProcessDeps {
  coordination: Coordination;
  logger: Logger;
  /** This process's worker pool looks at the queue now (absent without the worker role). */
  wakeWorkers?: () => void;
  /** Aborts the steps of a run if this process executes it. */
  abortRun?: (runId: string) => void;
  /** The scheduler re-plans a workflow (it acts only while this process leads). */
  workflowChanged?: (workflowId: string) => void;
  /** Reads the credentials' secret values again (redaction must hide a secret saved elsewhere). */
  reloadCredentials?: () => Promise<void>;
  /** Reads the owner's egress allow-list again (changed in Settings through another process). */
  reloadSettings?: () => Promise<void>;
}

/**
 * Per-process reactions made to reach every process sharing the database. Each `after...` is
 * called once the change is committed: it acts here at once and, with PostgreSQL, tells the other
 * processes by a notice. Notices are hints: a worker that misses one still polls the queue, and
 * a cancelled run's worker still finds the cancel between steps; the notice makes it prompt.
 * Several wake-ups in one turn of the event loop send one notice.
 */
export function wireCrossProcess(d: CrossProcessDeps) {
  const { coordination } = d;
  const unlisten: Array<() => void> = [];
  if (coordination.shared) {
    if (d.wakeWorkers) unlisten.push(coordination.listen('jobs', () => d.wakeWorkers?.()));
    if (d.abortRun) unlisten.push(coordination.listen('cancel', (runId) => runId && d.abortRun?.(runId)));
    if (d.workflowChanged) unlisten.push(coordination.listen('workflow', (id) => id && d.workflowChanged?.(id)));
    const reloadOn = (channel: 'credentials' | 'settings', reload: (() => Promise<void>) | undefined, what: string) => {
      if (reload) unlisten.push(coordination.listen(channel, () => void reload().catch((err: unknown) => d.logger.error({ err }, `could not reload the ${what} changed by another process`))));
    };
    reloadOn('credentials', d.reloadCredentials, 'credentials');
    reloadOn('settings', d.reloadSettings, 'egress allow-list');
  }
  let wakePending = false;
  return {
    /** New or newly due work was committed: workers here and elsewhere look at the queue. */
    afterQueued(): void {
      d.wakeWorkers?.();
      if (!coordination.shared || wakePending) return;
      wakePending = true;
      setImmediate(() => {
        wakePending = false;
        coordination.notify('jobs');
      });
    },
    /** A run was cancelled: whichever process executes it aborts its steps. */
    afterCancelled(runId: string): void {
      d.abortRun?.(runId);
      if (coordination.shared) coordination.notify('cancel', runId);
    },
    /** A workflow was saved, (de)activated or deleted: the leading scheduler re-plans it. */
    afterWorkflowChanged(workflowId: string): void {
      d.workflowChanged?.(workflowId);
      if (coordination.shared) coordination.notify('workflow', workflowId);
    },
    /** A credential change was committed here: the other processes reload their secret values (this one already has). */
    afterCredentialsChanged(): void {
      if (coordination.shared) coordination.notify('credentials');
    },
    /** The egress allow-list was changed here: the other processes reload it (this one already has). */
    afterSettingsChanged(): void {
      if (coordination.shared) coordination.notify('settings');
    },
    close(): void {
      for (const off of unlisten.splice(0)) off();
    },
  };
}
export type CrossProcess = ReturnType<typeof wireCrossProcess>;
