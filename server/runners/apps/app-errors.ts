import type { StepOutcome } from '../runner.js';
import type { AppAnswer } from './app-http.js';

/** Answers that mean "not now": retried on the step's schedule. Any other refusal is about the request itself. */
export const isTransientStatus = (status: number): boolean => status === 429 || status === 408 || status >= 500;

export interface RefusalOptions {
  /** The app's own reason, e.g. Slack's `channel_not_found` or Twilio's message. */
  reason?: string;
  /** App-specific fields kept on the error (Twilio's `twilioCode`, HubSpot's `category`). */
  extra?: Record<string, unknown>;
  /** A wait the app asked for in its body (Discord's `retry_after`), when no `Retry-After` header said so. */
  retryAfterMs?: number;
  /** Overrides the status rule (Slack's `ok:false` errors arrive with a 200). */
  retryable?: boolean;
}

/**
 * The failed outcome of an app's refusal: a stable `code`, the status, the app's reason in the
 * message, and whether it is retried. 429, 408 and 5xx are retried (a `Retry-After` is
 * honoured by the retry policy); other 4xx are permanent, since resending the same request
 * cannot succeed until a person changes the step or its credential.
 */
export function appRefusal(app: string, code: string, answer: AppAnswer, o: RefusalOptions = {}): StepOutcome {
  const retryable = o.retryable ?? isTransientStatus(answer.status);
  const retryAfterMs = answer.error?.retryAfterMs ?? o.retryAfterMs;
  const why = o.reason ? `: ${o.reason}` : '';
  const next = retryable ? 'Retrying on the schedule.' : "Not retried: fix the step's settings or its credential, then replay the run.";
  return {
    kind: 'failed',
    error: {
      code,
      status: answer.status,
      retryable,
      message: `${app} answered ${answer.status}${why}. ${next}`,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      ...o.extra,
    },
    detail: answer.detail,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string field of a JSON body, if it has one. */
export function field(body: unknown, key: string): string | undefined {
  if (!isRecord(body)) return undefined;
  const v = body[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** A short reason from a body that is plain text (Slack and Teams webhooks answer so). */
export function textReason(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  const t = body.trim();
  return t === '' ? undefined : t.slice(0, 300);
}
