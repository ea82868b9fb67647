import type { Logger } from 'pino';
import { AppError } from '../../shared/errors.js';
import type { Clock } from '../lib/clock.js';
import type { HoldPort, PauseState } from '../store/ports/holds.js';

export interface PauseServiceDeps {
  holds: Pick<HoldPort, 'pause' | 'beginResume' | 'release' | 'status' | 'resuming'>;
  clock: Clock;
  logger: Logger;
  /** Called after held events became queued runs, so workers look for them at once. */
  onQueued: () => void;
  /** How many held events one unit of work releases (each unit is atomic and durable). */
  batch?: number;
}

/** A workflow's place on the pause switch as the API shows it. */
export interface PauseView {
  paused: boolean;
  /** `off`, `paused`, or `resuming` (held events are being released). */
  pauseState: PauseState;
  heldCount: number;
}

/**
 * Pause and hold. Pausing is one stored flag: from then on live trigger URLs store their events
 * without a run (ingest's `holds.intake`). Resuming releases the held events oldest first in
 * batches, each batch one unit that starts the runs and drops the holds; the workflow stays
 * `resuming` (still holding new events, behind the old ones) until the last batch turns it off.
 * A server that dies mid-release finds the workflow `resuming` at start and finishes the job
 * (`releaseLeftovers`). The in-process map only avoids two loops over one workflow here;
 * correctness across processes comes from the port (a release never starts an event twice).
 */
export function createPauseService(d: PauseServiceDeps) {
  const batch = d.batch ?? 200;
  const draining = new Map<string, Promise<number>>();

  const drain = async (workflowId: string): Promise<number> => {
    let started = 0;
    for (;;) {
      const r = await d.holds.release(workflowId, batch, d.clock.now());
      if (r.started > 0) d.onQueued();
      started += r.started;
      if (r.state !== 'resuming') return started;
    }
  };
  /** One drain per workflow at a time in this process; a second caller waits for it and runs another pass. */
  const drainOnce = (workflowId: string): Promise<number> => {
    const previous = draining.get(workflowId) ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(() => drain(workflowId));
    draining.set(workflowId, next);
    const forget = () => void (draining.get(workflowId) === next && draining.delete(workflowId));
    next.then(forget, forget);
    return next;
  };

  const view = async (workflowId: string): Promise<PauseView> => {
    const s = await d.holds.status(workflowId);
    return { paused: s.state !== 'off', pauseState: s.state, heldCount: s.held };
  };

  return {
    view,
    async pause(workflowId: string): Promise<PauseView> {
      if (!(await d.holds.pause(workflowId, d.clock.now()))) throw new AppError('NOT_FOUND', 404, `There is no workflow with id "${workflowId}".`);
      return view(workflowId);
    },
    /** Releases every held event (answers once they are all queued runs) and unpauses; `released` counts this call's share. */
    async resume(workflowId: string): Promise<PauseView & { released: number }> {
      const state = await d.holds.beginResume(workflowId, d.clock.now());
      if (state === undefined) throw new AppError('NOT_FOUND', 404, `There is no workflow with id "${workflowId}".`);
      const released = state === 'resuming' ? await drainOnce(workflowId) : 0;
      return { ...(await view(workflowId)), released };
    },
    /** At start: finishes the releases a stopped server left half done. */
    async releaseLeftovers(): Promise<void> {
      for (const id of await d.holds.resuming()) {
        const n = await drainOnce(id);
        d.logger.info({ workflowId: id, released: n }, 'finished releasing held events after a restart');
      }
    },
  };
}
export type PauseService = ReturnType<typeof createPauseService>;
