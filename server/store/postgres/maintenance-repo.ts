import type { Sql } from './sql.js';
import type { CheckpointResult } from '../ports/maintenance.js';
import type { StorageSample } from '../ports/stats.js';

/**
 * The PostgreSQL bodies of the maintenance port (ports/maintenance.ts, docs/scale-out.md).
 * `compact` and `checkpoint` are no-ops by design: autovacuum makes the space of dead rows
 * reusable as it goes (a bounded, per-tick VACUUM would only repeat it, and VACUUM FULL locks
 * the table it rewrites), and the server checkpoints its WAL itself (checkpoint_timeout,
 * max_wal_size); a CHECKPOINT from here would need superuser rights and force I/O on every
 * database of the server.
 */
export const postgresMaintenance = {
  compact: (): Promise<number> => Promise.resolve(0),
  checkpoint: (): Promise<CheckpointResult> => Promise.resolve({ busy: false, walPages: 0, checkpointedPages: 0 }),
  /** Stores a size sample (replacing one of the same time) and prunes older ones; run it in one transaction. */
  async recordSample(q: Sql, x: StorageSample, pruneBefore: number): Promise<void> {
    await q.run(
      `INSERT INTO storage_samples (at, db_bytes, wal_bytes, free_bytes) VALUES ($1, $2, $3, $4)
       ON CONFLICT (at) DO UPDATE SET db_bytes = excluded.db_bytes, wal_bytes = excluded.wal_bytes, free_bytes = excluded.free_bytes`,
      [x.at, x.dbBytes, x.walBytes, x.freeBytes],
    );
    await q.run('DELETE FROM storage_samples WHERE at < $1', [pruneBefore]);
  },
  /** One durable write of one tiny row (readiness: "the store takes writes"). */
  probeWrite: async (q: Sql, at: number): Promise<void> => void (await q.run('INSERT INTO health_probe (id, at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET at = excluded.at', [at])),
};
