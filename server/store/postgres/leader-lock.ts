import pg from 'pg';
import type { Leadership } from '../ports/coordination.js';
import { connectionConfig, type PostgresOptions } from './pool.js';

// The session advisory lock the leader holds: (namespace, key). Distinct from the claim locks.
const LEADER_LOCK = [0x5359_4c44, 1] as const; // 'SYLD'

export interface LeaderLockOptions {
  /** How often a follower tries to take the lock, and how often the leader checks its connection. */
  retryMs: number;
  onChange: (leading: boolean) => void;
  onProblem: (what: string, error: unknown) => void;
}

/**
 * One leader across every process: `pg_try_advisory_lock` on a connection of its own. The lock
 * lives as long as that session, so a leader that dies (kill -9, lost network) frees it as soon
 * as PostgreSQL notices, and a follower takes it on its next try. The leader checks its
 * connection every `retryMs`: when the check fails it stops leading at once (the lock may
 * already be someone else's). Two leaders may overlap for that short time; what they run is
 * safe under overlap (a schedule tick is deduplicated by its key).
 */
export function createLeaderLock(o: Omit<PostgresOptions, 'max'>, opts: LeaderLockOptions): Leadership {
  let leading = false;
  let stopped = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();

  const lose = (why: string, error: unknown) => {
    opts.onProblem(why, error);
    const c = client;
    client = undefined;
    c?.end().catch(() => undefined);
    if (leading) {
      leading = false;
      opts.onChange(false);
    }
  };

  async function attempt(): Promise<void> {
    if (stopped) return;
    try {
      if (!client) {
        // A check that hangs (a silent network) counts as a failure after this long.
        const c = new pg.Client({ ...connectionConfig(o), query_timeout: Math.max(1_000, opts.retryMs * 2) });
        c.on('error', (error) => {
          if (client === c) lose('the leader connection broke; no longer leading', error);
        });
        await c.connect();
        client = c;
      }
      if (leading) {
        await client.query('SELECT 1');
        return;
      }
      const r = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS got', [...LEADER_LOCK]);
      if (r.rows[0]?.got && !stopped) {
        leading = true;
        opts.onChange(true);
      }
    } catch (error) {
      lose(leading ? 'the leader connection failed its check; no longer leading' : 'could not try for leadership', error);
    }
  }

  const tick = () => {
    round = round.then(attempt);
    return round;
  };
  void tick();
  timer = setInterval(() => void tick(), opts.retryMs);
  timer.unref();

  return {
    get leading() {
      return leading;
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await round;
      if (leading) {
        leading = false;
        opts.onChange(false);
      }
      // Ending the session frees the lock at once for the next leader.
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
