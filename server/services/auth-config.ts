import { z } from 'zod';

/** The environment variables of accounts and access; merged into config.ts. */
export const authEnv = {
  /** Origins (scheme://host[:port], comma-separated) that may call the API from a browser with an API key. Empty: CORS closed. */
  CORS_ORIGINS: z.string().default(''),
  /** A session nobody used for this many hours ends. */
  SESSION_IDLE_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 365)
    .default(72),
  /** A session ends this many days after sign-in, however active. */
  SESSION_MAX_DAYS: z.coerce.number().min(0.01).max(3650).default(14),
};

/** Accounts and access settings, parsed once at start. */
export interface AuthConfig {
  corsOrigins: string[];
  sessionIdleHours: number;
  sessionMaxDays: number;
}

type AuthEnv = { [K in keyof typeof authEnv]: z.output<(typeof authEnv)[K]> };

/** Builds the settings; a CORS origin that is not a bare origin is a startup error naming it. */
export function authConfig(e: AuthEnv): AuthConfig {
  const corsOrigins = e.CORS_ORIGINS.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const o of corsOrigins) {
    let ok = false;
    try {
      ok = new URL(o).origin === o;
    } catch {
      ok = false;
    }
    if (!ok) throw new Error(`Invalid configuration:\n  CORS_ORIGINS: "${o}" is not an origin like https://dash.example.com (no path, no trailing slash).`);
  }
  return { corsOrigins, sessionIdleHours: e.SESSION_IDLE_HOURS, sessionMaxDays: e.SESSION_MAX_DAYS };
}
