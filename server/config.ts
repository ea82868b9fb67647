import { z } from 'zod';
import { resolve } from 'node:path';
import { opsConfig, opsEnv, type OpsConfig } from './ops/ops-config.js';
import { ingressConfig, ingressEnv, type IngressConfig } from './ingest/ingress-config.js';
import { appBaseUrlEnv, appBaseUrlsFrom, type AppBaseUrls } from './runners/apps/app-base-urls.js';
import { authConfig, authEnv, type AuthConfig } from './services/auth-config.js';
import type { LogFormat } from './lib/logger.js';
import { parseRoles, refusalOnSqlite, type Roles } from './scale/roles.js';
import { oauthConfig, oauthEnv, type OAuthConfig } from './oauth/oauth-config.js';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** `postgres://` or `postgresql://`: PostgreSQL holds everything and several processes may share it (docs/scale-out.md). Unset: embedded SQLite in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .optional()
    .transform((s) => s?.trim() || undefined)
    .refine((s) => s === undefined || /^postgres(ql)?:\/\//i.test(s), 'only PostgreSQL is supported: postgres://user@host:5432/database (or postgresql://); leave it unset for embedded SQLite'),
  /** PostgreSQL: run starts group-committed per transaction at most (the event-loop turn's ingest shares one); 0 gives each its own transaction. */
  PG_START_BATCH: z.coerce.number().int().min(0).max(5000).default(500),
  /** PostgreSQL: the executor's loads, step commits and ends of runs of one event-loop turn share a statement, this many at most; 0 gives each call its own. */
  PG_RUN_BATCH: z.coerce.number().int().min(0).max(1000).default(64),
  /** Roles of this process (`start --role` overrides): web, worker, scheduler, comma-separated; all three when unset. */
  SWITCHYARD_ROLE: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `auto`: for a person on a terminal (a plain "ready" line, pretty logs), JSON lines otherwise. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  SWITCHYARD_SECRET_KEY: z.string().optional(),
  EGRESS_ALLOW: z.string().default(''),
  /**
   * Runs executing at once in this process. A run spends most of its time waiting (its commits,
   * the sandbox, the receiver), so throughput is about slots / run time: at 32 slots (16 per
   * workflow) one busy workflow delivered 0.4 of the reference in vs-reference, at 128 (64) 0.80 at
   * the median on a faster machine, at 256 (128) 0.815 there and better in most runs taken in turns,
   * with no more CPU per event and a lower p99 (docs/performance.md, "256 run slots").
   * WORKER_RUN_DATA_MB bounds what they hold when events are large.
   */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(256),
  /** Default runs executing at once per workflow (a workflow's settings may lower or raise it): half the worker's slots, so one busy workflow leaves room for the others. */
  WORKFLOW_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(128),
  /**
   * The trigger data (request bodies, parsed and raw, and headers) that the runs executing at once
   * in this process may hold, in MB: past it the worker claims fewer runs than it has slots, and at
   * least one. The usual webhook of a few KB never reaches it; a flood of 1 MiB events runs about
   * 32 at a time instead of one workflow's 128.
   */
  WORKER_RUN_DATA_MB: z.coerce.number().int().min(1).max(1_048_576).default(64),
  /** How long a worker's claim on a run lasts without a heartbeat: a dead worker's runs resume this long after it died. */
  JOB_LEASE_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  SANDBOX_POOL_SIZE: z.coerce.number().int().min(1).max(32).default(2),
  /** Quiet time after which the sandbox processes stop (they start again on the next code step); 0 keeps them. */
  SANDBOX_IDLE_STOP_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /** Added to the server's nice value for the sandbox processes: user code yields the CPU to the server's own work (0: the same priority). */
  SANDBOX_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /** Added to the main thread's nice value for the server's other threads (garbage collection helpers, the file system pool, the WAL checkpoint thread): they yield the CPU to the thread that serves triggers and runs the executor (0: the same priority). */
  HELPER_THREADS_NICE: z.coerce.number().int().min(0).max(19).default(10),
  ...opsEnv,
  ...ingressEnv,
  ...appBaseUrlEnv,
  ...authEnv,
  ...oauthEnv,
});

/** The server's settings, parsed from the environment once at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  dbFile: string;
  /** PostgreSQL's URL when DATABASE_URL selects it; undefined: embedded SQLite at `dbFile`. */
  databaseUrl?: string;
  /** PG_START_BATCH. */
  pgStartBatch: number;
  /** PG_RUN_BATCH. */
  pgRunBatch: number;
  /** What this process does (server/scale/roles.ts). */
  roles: Roles;
  publicUrl: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  logFormat: LogFormat;
  secretKey?: string;
  egressAllow: string;
  workerConcurrency: number;
  /** Bytes of trigger data the runs executing at once may hold (WORKER_RUN_DATA_MB). */
  workerRunDataBytes: number;
  workflowConcurrency: number;
  /** JOB_LEASE_MS. */
  leaseMs: number;
  sandboxPoolSize: number;
  sandboxIdleStopMs: number;
  /** SANDBOX_NICE. */
  sandboxNice: number;
  /** HELPER_THREADS_NICE. */
  helperThreadsNice: number;
  /** Retention, maintenance, readiness and metrics (server/ops/ops-config.ts). */
  ops: OpsConfig;
  /** Trigger URL defaults, proxies to trust, and HTTP timeouts (server/ingest/ingress-config.ts). */
  ingress: IngressConfig;
  /** Where app actions find each API (SLACK_API_URL…); tests point them at local fakes. */
  appBaseUrls: AppBaseUrls;
  /** Sessions, CORS (server/services/auth-config.ts). */
  access: AuthConfig;
  /** Token refresh and connect flow timing (server/oauth/oauth-config.ts). */
  oauth: OAuthConfig;
}

/** Parses the environment; a bad value is a clear startup error, never a silent default. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const roles = rolesOf(e.SWITCHYARD_ROLE, e.DATABASE_URL);
  // Every process decrypts what the others encrypted: one key for all, never a file of one machine.
  if (e.DATABASE_URL && !e.SWITCHYARD_SECRET_KEY)
    throw new Error('Invalid configuration:\n  SWITCHYARD_SECRET_KEY: required with DATABASE_URL (every process sharing the database needs the same key; openssl rand -hex 32)');
  const dataDir = resolve(e.DATA_DIR);
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    dbFile: resolve(dataDir, 'switchyard.db'),
    databaseUrl: e.DATABASE_URL,
    pgStartBatch: e.PG_START_BATCH,
    pgRunBatch: e.PG_RUN_BATCH,
    roles,
    publicUrl: (e.PUBLIC_URL ?? `http://${shownHost}:${e.PORT}`).replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    secretKey: e.SWITCHYARD_SECRET_KEY,
    egressAllow: e.EGRESS_ALLOW,
    workerConcurrency: e.WORKER_CONCURRENCY,
    workerRunDataBytes: e.WORKER_RUN_DATA_MB * 1_048_576,
    workflowConcurrency: e.WORKFLOW_CONCURRENCY,
    leaseMs: e.JOB_LEASE_MS,
    sandboxPoolSize: e.SANDBOX_POOL_SIZE,
    sandboxIdleStopMs: e.SANDBOX_IDLE_STOP_MS,
    sandboxNice: e.SANDBOX_NICE,
    helperThreadsNice: e.HELPER_THREADS_NICE,
    ops: opsConfig(e),
    ingress: ingressConfig(e),
    appBaseUrls: appBaseUrlsFrom(e),
    access: authConfig(e),
    oauth: oauthConfig(e),
  };
}

/** The roles, checked against the store: on SQLite only all three together. */
function rolesOf(text: string | undefined, databaseUrl: string | undefined): Roles {
  try {
    const roles = parseRoles(text);
    const refused = databaseUrl ? undefined : refusalOnSqlite(roles);
    if (refused) throw new Error(refused);
    return roles;
  } catch (error) {
    throw new Error(`Invalid configuration:\n  SWITCHYARD_ROLE: ${(error as Error).message}`);
  }
}
