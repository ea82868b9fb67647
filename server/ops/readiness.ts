import type { Store } from '../store/ports/store.js';

/** One readiness check's verdict. */
export interface CheckResult {
  ok: boolean;
  message: string;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<'database' | 'sandbox' | 'queue', CheckResult>;
}

export interface ReadinessDeps {
  /** Takes the probe write (`maintenance.probeWrite`) and counts due jobs (`stats.queueDue`). */
  store: Pick<Store, 'maintenance' | 'stats'>;
  /** Sandbox processes alive and whether the pool can run calls (undefined: this server has no sandbox pool). */
  sandbox: () => { processes: number; available: boolean } | undefined;
  /** Runs this process executes right now. */
  executing: () => number;
  now: () => number;
  /** A due job waiting longer than this while nothing executes means the queue is stalled. */
  stallMs: number;
  /** How long the database write may take before it counts as failed. */
  timeoutMs?: number;
}

const ok = (message: string): CheckResult => ({ ok: true, message });
const fail = (message: string): CheckResult => ({ ok: false, message });

/**
 * `/readyz`: can this server take traffic? The store takes a real write (one row, on the same
 * path ingest's writes take: on SQLite, the commit queue), the sandbox pool can run calls, and the
 * queue is not stalled (due work waiting long while no run executes).
 */
export function createReadiness(d: ReadinessDeps) {
  const timeoutMs = d.timeoutMs ?? 2_000;

  const database = async (): Promise<CheckResult> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no commit within ${timeoutMs} ms`)), timeoutMs)));
    try {
      await Promise.race([d.store.maintenance.probeWrite(d.now()), timeout]);
      return ok('writable');
    } catch (err) {
      return fail(`not writable: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      clearTimeout(timer);
    }
  };

  const sandbox = (): CheckResult => {
    const s = d.sandbox();
    if (s === undefined) return ok('no sandbox pool in this server');
    if (!s.available) return fail('no sandbox process is alive: code steps and expressions cannot run');
    // Processes start on the first code step or expression and stop when idle.
    return ok(s.processes > 0 ? `${s.processes} process${s.processes === 1 ? '' : 'es'} alive` : 'idle: processes start on the first code step or expression');
  };

  const queue = async (): Promise<CheckResult> => {
    const now = d.now();
    const due = await d.store.stats.queueDue(now);
    const waited = due.oldestAt === null ? 0 : now - due.oldestAt;
    if (waited > d.stallMs && d.executing() === 0) {
      return fail(`stalled: ${due.n} due job(s), the oldest due for ${Math.round(waited / 1000)} s, and no run executing`);
    }
    return ok(`${due.n} due job(s)`);
  };

  return {
    async check(): Promise<ReadinessReport> {
      const checks = { database: await database(), sandbox: sandbox(), queue: await queue() };
      return { ready: Object.values(checks).every((c) => c.ok), checks };
    },
  };
}
export type Readiness = ReturnType<typeof createReadiness>;
