import type { StepError } from '../../shared/runs/run-status.js';
import { durationToMs, retrySettingsSchema } from '../../shared/nodes/http.node.js';

/** How often and when a failed step is tried again. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Delay before attempt n+1 is `scheduleMs[n-1]` (the last entry repeats). */
  scheduleMs: readonly number[];
  /** Random spread around each scheduled delay, as a fraction (0.2 = ±20 %). Default 0. */
  jitter?: number;
  /** Least wait after a 429 or a timeout: the other side is overloaded, so back off hard. */
  slowDownFloorMs?: number;
}

/** `reason` says, in words a person reads on the attempt, why and when (or why not). */
export type RetryDecision = { retry: true; delayMs: number; reason?: string } | { retry: false; reason?: string };

/** No retries: for steps whose failures are deterministic (code, filters). */
export const noRetry: RetryPolicy = { maxAttempts: 1, scheduleMs: [] };

const S = 1000;
const M = 60 * S;
const H = 60 * M;

/** Svix's schedule: the first attempt at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const deliverySchedule: readonly number[] = [5 * S, 5 * M, 30 * M, 2 * H, 5 * H, 10 * H, 10 * H];

/** The default policy of outbound deliveries: 8 attempts over about 28 hours. */
export const deliveryRetry: RetryPolicy = {
  maxAttempts: deliverySchedule.length + 1,
  scheduleMs: deliverySchedule,
  jitter: 0.2,
  slowDownFloorMs: M,
};

/** Node types that deliver (HTTP, and SMTP for email) and so retry by default: `http` and the app actions. */
export const deliveryNodeTypes: ReadonlySet<string> = new Set(['http', 'slack', 'discord', 'teams', 'hubspot', 'mailchimp', 'pagerduty', 'twilio', 'email']);

const isSlowDown = (error: StepError): boolean => error.status === 429 || error.code === 'timeout' || error.code === 'connect_timeout';

const seconds = (ms: number): string => (ms < 10 * S ? `${(ms / S).toFixed(1)} s` : `${Math.round(ms / S)} s`);

/**
 * Decides whether a failed attempt is retried and after how long. Pure: randomness for
 * jitter is injected. A `Retry-After` (error.retryAfterMs) is honoured within one to two
 * times the scheduled delay; a 429 or a timeout waits at least `slowDownFloorMs`.
 */
export function decideRetry(policy: RetryPolicy, attempt: number, error: StepError, random: () => number): RetryDecision {
  if (!error.retryable) return { retry: false, reason: `${error.code} is permanent: not retried` };
  if (attempt >= policy.maxAttempts || policy.scheduleMs.length === 0) {
    return { retry: false, reason: `all ${policy.maxAttempts} attempts used` };
  }
  const base = policy.scheduleMs[Math.min(attempt - 1, policy.scheduleMs.length - 1)] ?? 0;
  const jitter = policy.jitter ?? 0;
  const scheduled = Math.max(0, Math.round(base * (1 + (random() * 2 - 1) * jitter)));
  let delayMs = scheduled;
  const notes: string[] = [];
  const retryAfter = typeof error.retryAfterMs === 'number' && Number.isFinite(error.retryAfterMs) ? error.retryAfterMs : undefined;
  if (retryAfter !== undefined) {
    delayMs = Math.min(Math.max(retryAfter, scheduled), 2 * scheduled);
    notes.push(`Retry-After ${seconds(retryAfter)} kept within ${seconds(scheduled)}-${seconds(2 * scheduled)}`);
  }
  const floor = policy.slowDownFloorMs ?? 0;
  if (isSlowDown(error) && delayMs < floor) {
    delayMs = floor;
    notes.push(`at least ${seconds(floor)} after ${error.status === 429 ? 'a 429' : 'a timeout'}`);
  }
  const head = `attempt ${attempt + 1} of ${policy.maxAttempts} in ${seconds(delayMs)}`;
  return { retry: true, delayMs, reason: notes.length ? `${head} (${notes.join('; ')})` : head };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// Policies by the config object they were read from: a compiled version keeps its parsed
// configs, so each step's settings are parsed once, not on every attempt (a retried delivery
// asks for its policy on each attempt, and parsing them showed in the failing receiver's profile).
const policies = new WeakMap<object, Map<string, RetryPolicy>>();

/**
 * The retry policy of one node from its type and config. Delivery types get the delivery
 * schedule, shaped by the step's `retry` settings ({attempts, schedule}); any other type
 * retries only if its config carries `retry` settings. Unreadable settings fall back to
 * the defaults (the config was validated on save; this must never throw at run time).
 * Configs are read once per object: they are not changed after they are parsed.
 */
export function retryPolicyFor(nodeType: string, config: unknown): RetryPolicy {
  if (!isRecord(config)) return readPolicy(nodeType, config);
  let byType = policies.get(config);
  if (!byType) policies.set(config, (byType = new Map()));
  let policy = byType.get(nodeType);
  if (!policy) byType.set(nodeType, (policy = readPolicy(nodeType, config)));
  return policy;
}

function readPolicy(nodeType: string, config: unknown): RetryPolicy {
  const raw = isRecord(config) ? config.retry : undefined;
  if (!deliveryNodeTypes.has(nodeType) && raw === undefined) return noRetry;
  const parsed = retrySettingsSchema.safeParse(raw ?? {});
  const settings = parsed.success ? parsed.data : {};
  const scheduleMs = settings.schedule ? settings.schedule.map(durationToMs) : deliverySchedule;
  const maxAttempts = settings.attempts ?? (settings.schedule ? scheduleMs.length + 1 : deliveryRetry.maxAttempts);
  return { ...deliveryRetry, maxAttempts, scheduleMs };
}
