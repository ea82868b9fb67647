import { z } from 'zod';
import type { RetentionPolicy } from './retention-policy.js';

const count = (fallback: number) => z.coerce.number().int().min(0).max(1_000_000_000).default(fallback);

/** The environment variables of operations (retention, maintenance, readiness, metrics); merged into config.ts. */
export const opsEnv = {
  /** Days to keep succeeded and cancelled runs; 0 keeps them forever. */
  RETENTION_DAYS: count(30),
  /** Succeeded and cancelled runs to keep per workflow (the newest); 0: no limit. */
  RETENTION_MAX_RUNS: count(10_000),
  /** Days to keep failed runs; 0 keeps them forever. */
  RETENTION_FAILED_DAYS: count(90),
  /** Failed runs to keep per workflow (the newest); 0: no limit. */
  RETENTION_FAILED_MAX_RUNS: count(10_000),
  /** How often the retention sweeper runs; 0 turns it off. */
  RETENTION_SWEEP_SECONDS: count(300),
  /** Step inputs, outputs and details larger than this are stored as a truncated preview; 0 keeps everything. */
  STEP_PAYLOAD_MAX_BYTES: count(256 * 1024),
  /** How often the WAL is checkpointed, free pages are vacuumed and storage is sampled; 0 turns it off. */
  MAINTENANCE_INTERVAL_SECONDS: count(300),
  /** `/readyz` fails when a due job has waited this long while no run executes. */
  READY_STALL_SECONDS: count(300),
  /** When set, `/metrics` requires `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(1).optional(),
  /** Databases without incremental vacuum and up to this size are converted (VACUUM) at start. */
  VACUUM_CONVERT_MAX_MB: count(1024),
};

/** Operations settings, parsed once at start. */
export interface OpsConfig {
  retention: RetentionPolicy;
  sweepIntervalMs: number;
  stepPayloadMaxBytes: number;
  maintenanceIntervalMs: number;
  stallMs: number;
  metricsToken?: string;
  vacuumConvertMaxBytes: number;
}

type OpsEnv = z.infer<z.ZodObject<typeof opsEnv>>;
const orNull = (n: number) => (n === 0 ? null : n);

/** Turns the parsed variables into settings (0 means "no limit" or "off"). */
export function opsConfig(e: OpsEnv): OpsConfig {
  return {
    retention: { days: orNull(e.RETENTION_DAYS), maxRuns: orNull(e.RETENTION_MAX_RUNS), failedDays: orNull(e.RETENTION_FAILED_DAYS), failedMaxRuns: orNull(e.RETENTION_FAILED_MAX_RUNS) },
    sweepIntervalMs: e.RETENTION_SWEEP_SECONDS * 1000,
    stepPayloadMaxBytes: e.STEP_PAYLOAD_MAX_BYTES,
    maintenanceIntervalMs: e.MAINTENANCE_INTERVAL_SECONDS * 1000,
    stallMs: e.READY_STALL_SECONDS * 1000,
    metricsToken: e.METRICS_TOKEN,
    vacuumConvertMaxBytes: e.VACUUM_CONVERT_MAX_MB * 1024 * 1024,
  };
}
