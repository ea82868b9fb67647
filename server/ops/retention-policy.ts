import type { RetentionSettings } from '../../shared/graph/retention-settings.js';

/** Effective limits for one workflow; `null` means no limit of that kind. */
export interface RetentionPolicy {
  days: number | null;
  maxRuns: number | null;
  failedDays: number | null;
  failedMaxRuns: number | null;
}

const DAY_MS = 24 * 3600 * 1000;

/** A workflow's own settings over the server default: an absent field inherits, `null` lifts the limit. */
export function policyFor(defaults: RetentionPolicy, own: RetentionSettings | undefined): RetentionPolicy {
  const pick = <K extends keyof RetentionPolicy>(k: K) => (own && own[k] !== undefined ? (own[k] ?? null) : defaults[k]);
  return { days: pick('days'), maxRuns: pick('maxRuns'), failedDays: pick('failedDays'), failedMaxRuns: pick('failedMaxRuns') };
}

/** The two classes of finished runs a policy treats apart. */
export type RetentionClass = 'kept' | 'failed';

/** Which statuses each class covers: failures have their own, usually longer, limits. */
export const classStatuses: Record<RetentionClass, readonly string[]> = {
  kept: ['succeeded', 'cancelled'],
  failed: ['failed'],
};

/** For one class: runs that finished before `finishedBefore` go, and all but the newest `keep`. */
export function limitsOf(policy: RetentionPolicy, cls: RetentionClass, now: number): { finishedBefore: number | null; keep: number | null } {
  const days = cls === 'failed' ? policy.failedDays : policy.days;
  const keep = cls === 'failed' ? policy.failedMaxRuns : policy.maxRuns;
  return { finishedBefore: days === null ? null : now - days * DAY_MS, keep };
}
