import type { Logger } from 'pino';
import type { Coordination, Leadership } from '../store/ports/coordination.js';

export interface LeaderDutiesDeps {
  coordination: Coordination;
  logger: Logger;
  /** What only the leader runs (the scheduler, retention, storage upkeep): started in order, stopped in reverse; `stop` resolves once work under way is stored. */
  duties: ReadonlyArray<{ start(): void | Promise<void>; stop(): Promise<void> }>;
}

/**
 * The scheduler role: compete for leadership and run the leader's duties only while leading.
 * Gaining and losing follow each other in order (a stop finishes before the next start), and a
 * failed start is logged and undone so the duties are never half on.
 */
export function createLeaderDuties(d: LeaderDutiesDeps) {
  let chain: Promise<void> = Promise.resolve();
  let on = false;
  let leadership: Leadership | undefined;
  const change = (leading: boolean) => {
    chain = chain.then(async () => {
      if (leading === on) return;
      on = leading;
      if (leading) {
        d.logger.info('leading: this process runs the scheduler, retention and storage upkeep');
        await (async () => {
          for (const duty of d.duties) await duty.start();
        })().catch((err: unknown) => d.logger.error({ err }, 'could not start the leader duties'));
      } else {
        d.logger.warn('no longer leading: the scheduler, retention and storage upkeep stop here');
        await (async () => {
          for (const duty of [...d.duties].reverse()) await duty.stop();
        })().catch((err: unknown) => d.logger.error({ err }, 'could not stop the leader duties cleanly'));
      }
    });
  };
  return {
    /** Starts competing; the duties start when this process leads (resolves once a leadership gained at once has started them). */
    start(): Promise<void> {
      leadership ??= d.coordination.lead(change);
      return chain;
    },
    get leading(): boolean {
      return on;
    },
    /** Stops competing and the duties (leadership is handed on at once). */
    async stop(): Promise<void> {
      await leadership?.stop();
      leadership = undefined;
      change(false);
      await chain;
    },
  };
}
