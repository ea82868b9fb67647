const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** How long sessions and one-time links live. */
export interface AccessPolicy {
  /** A session nobody used for this long ends. */
  sessionIdleMs: number;
  /** A session ends this long after sign-in, however active. */
  sessionMaxMs: number;
  /** Default and longest lifetime of an invitation link. */
  inviteTtlMs: number;
  inviteMaxTtlMs: number;
  /** Lifetime of a password reset link. */
  resetTtlMs: number;
}

/** The defaults: 3 idle days, 14 days at most; invitations for 7 days (30 at most); resets for a day. */
export const defaultAccessPolicy: AccessPolicy = {
  sessionIdleMs: 72 * HOUR,
  sessionMaxMs: 14 * DAY,
  inviteTtlMs: 7 * DAY,
  inviteMaxTtlMs: 30 * DAY,
  resetTtlMs: DAY,
};

/** The policy from the server's settings (hours and days as the environment gives them). */
export function accessPolicyFrom(c: { sessionIdleHours?: number; sessionMaxDays?: number }): AccessPolicy {
  return {
    ...defaultAccessPolicy,
    ...(c.sessionIdleHours !== undefined ? { sessionIdleMs: c.sessionIdleHours * HOUR } : {}),
    ...(c.sessionMaxDays !== undefined ? { sessionMaxMs: c.sessionMaxDays * DAY } : {}),
  };
}
