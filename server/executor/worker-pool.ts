// Per-process state: the runs this process executes and their abort controllers (cancel reaches
// a step only here); docs/architecture.md says how a cancel crosses processes.
import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { LeaseLostError, type ExecutionStore } from './execution-store.js';
import type { ClaimedJob } from '../engine/records.js';
import { createRunBudget } from './run-budget.js';
import { createEarlyCancels } from './early-cancels.js';

export interface WorkerPoolOptions {
  store: ExecutionStore;
  /** Carries a claimed run; `held` is told about how many bytes of trigger data the run holds, once it is loaded. */
  executeRun: (job: ClaimedJob, owner: string, signal: AbortSignal, held: (bytes: number) => void) => Promise<void>;
  clock: Clock;
  logger: Logger;
  /** Runs executing at once. */
  concurrency: number;
  /** Bytes of trigger data the runs executing at once may hold (run-budget.ts); unset: the slots alone bound them. */
  heldBytesBudget?: number;
  leaseMs?: number;
  /** Longest sleep between looks at the queue when nothing woke the pool. */
  idlePollMs?: number;
}

/**
 * Claims due jobs and executes their runs, up to `concurrency` at once. Ingest wakes it after
 * each accepted event; otherwise it sleeps until the next due job or the idle poll. Leases are
 * renewed while runs execute and expired ones are reclaimed, so a crash loses nothing.
 */
export function createWorkerPool(o: WorkerPoolOptions) {
  const owner = newId('wrk');
  const leaseMs = o.leaseMs ?? 30_000;
  const idlePollMs = o.idlePollMs ?? 1_000;
  const active = new Map<string, Promise<void>>();
  let running = false;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  let loopDone: Promise<void> = Promise.resolve();
  let timers: NodeJS.Timeout[] = [];

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) return resolve();
      const t = setTimeout(() => finish(), ms);
      const finish = () => {
        clearTimeout(t);
        wakeUp = undefined;
        resolve();
      };
      wakeUp = finish;
    });

  // Each run's claim (renewed by the heartbeat) and the controller that aborts its steps: a cancel
  // aborts one, a stop past its grace all of them. One plain signal per run: AbortSignal.any over a
  // pool-wide signal cost about 1 % of the server's CPU under load (weak references per run).
  const perRun = new Map<string, { job: ClaimedJob; controller: AbortController }>();
  const budget = createRunBudget(o.heldBytesBudget);
  // Set once a stop gave up waiting: a run claimed after that starts aborted.
  let abortedAll = false;
  // A run cancelled lately starts aborted when claimed here (early-cancels.ts).
  const earlyCancels = createEarlyCancels(() => o.clock.now());
  const execute = (job: ClaimedJob) => {
    const controller = new AbortController();
    if (abortedAll || earlyCancels.take(job.runId)) controller.abort();
    perRun.set(job.runId, { job, controller });
    const ticket = budget.claimed();
    const p = o
      .executeRun(job, owner, controller.signal, ticket.held)
      .catch((err: unknown) => {
        if (err instanceof LeaseLostError) o.logger.warn({ runId: job.runId, workflowId: job.workflowId }, 'lease lost; another worker continues the run');
        else o.logger.error({ err, runId: job.runId, workflowId: job.workflowId }, 'run execution failed; its lease will expire and it will be retried');
      })
      .finally(() => {
        // A run that parked with a due time of now may be claimed again, and start here, before
        // this callback runs: only this execution's own entries are removed.
        if (active.get(job.runId) === p) active.delete(job.runId);
        if (perRun.get(job.runId)?.controller === controller) perRun.delete(job.runId);
        ticket.ended();
        wake();
      });
    active.set(job.runId, p);
  };

  async function loop(): Promise<void> {
    while (running) {
      woken = false;
      const free = budget.room(o.concurrency - active.size, active.size);
      let claimed: ClaimedJob[] = [];
      // The time the claim judged "due" by: it runs at the next group commit, a little later.
      const claimedAt = o.clock.now();
      if (free > 0) {
        try {
          claimed = await o.store.claim(owner, free, leaseMs, claimedAt);
        } catch (err) {
          o.logger.error({ err }, 'could not claim jobs');
        }
        claimed.forEach(execute);
      }
      if (!running) break;
      if (claimed.length && claimed.length === free) continue;
      // Jobs already due but not claimed wait for a slot: a finishing run or a new event wakes
      // the pool, so sleeping until then (not polling in a loop) is enough. With every slot
      // taken, nothing could be claimed before a run ends and wakes the pool: no need to ask.
      if (free <= 0) await sleep(idlePollMs);
      else {
        const next = await o.store.nextDueAt().catch(() => null);
        const now = o.clock.now();
        // Due since the claim's time (a retry that came due while the claim waited for its commit),
        // with no run in flight whose end would wake the pool: claim again now. Before, such a
        // retry waited for the idle poll, up to a second late, at the end of every retry tail. A
        // job already due at the claim's time was left for want of a slot: a run's end wakes the pool.
        if (next !== null && next > claimedAt && next <= now && active.size === 0) continue;
        await sleep(next === null || next <= now ? idlePollMs : Math.min(idlePollMs, next - now));
      }
      // The runs that one group commit ended all wake the pool in the same turn: let them all
      // free their slots, so that one claim fills them together rather than one claim each.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  function wake(): void {
    woken = true;
    wakeUp?.();
  }

  return {
    owner,
    start(): void {
      if (running) return;
      running = true;
      timers = [
        setInterval(() => {
          const leases = [...perRun.values()].map(({ job }) => ({ runId: job.runId, owner, claims: job.claims }));
          void o.store.heartbeat(leases, o.clock.now() + leaseMs).catch((err) => o.logger.error({ err }, 'heartbeat failed'));
        }, leaseMs / 3),
        setInterval(() => {
          void o.store
            .reclaimExpired(o.clock.now())
            .then((n) => n && o.logger.warn({ reclaimed: n }, 'reclaimed jobs with expired leases'))
            // A database outage: the next round reclaims them (never crash the process over it).
            .catch((err: unknown) => o.logger.error({ err }, 'could not reclaim expired leases'));
        }, leaseMs / 2),
      ];
      loopDone = loop();
    },
    wake,
    /** Aborts the steps of a run this pool is executing (the run was cancelled); one it claims within 10 s starts aborted. */
    abortRun(runId: string): void {
      perRun.get(runId)?.controller.abort();
      // Remembered even when it reached an execution here: that one may be ending (its park
      // committed), and the run's next claim here may start before the ending one is gone.
      earlyCancels.remember(runId);
    },
    get activeRuns() {
      return active.size;
    },
    /** About how many bytes of trigger data the runs executing here hold. */
    get heldBytes() {
      return budget.heldBytes;
    },
    /** Stops claiming, gives running steps `graceMs` to finish, then hands back the leases it still holds. */
    async stop(graceMs = 10_000): Promise<void> {
      running = false;
      wake();
      await loopDone;
      const all = Promise.allSettled([...active.values()]);
      const timedOut = await Promise.race([all.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), graceMs).unref())]);
      if (timedOut) {
        abortedAll = true;
        for (const { controller } of perRun.values()) controller.abort();
      }
      for (const t of timers) clearInterval(t);
      await o.store.releaseOwner(owner, o.clock.now()).catch(() => 0);
    },
  };
}
export type WorkerPool = ReturnType<typeof createWorkerPool>;
