import type { WebhookConfig } from '../../shared/nodes/webhook.node.js';

/** What a verifier may look at: the request exactly as received, and the trigger's public URL. */
export interface RequestFacts {
  workflowId: string;
  nodeId: string;
  method: string;
  /** The URL the sender called, built from PUBLIC_URL (never from Host), with its query. */
  publicUrl: string;
  headers: Record<string, string>;
  rawBody: Buffer;
  now: number;
}

/**
 * A verifier's verdict. `dedupeKey`: the provider's event id, used when the sender gave no
 * Idempotency-Key. `reply`: answer at once without storing anything (Slack's url_verification).
 * `redactHeaders`: lower-case names of headers that carry the credential itself (basic and
 * header auth); their values must not be stored with the event or shown on the run.
 */
export type VerifyOutcome =
  { ok: true; dedupeKey?: string; reply?: { status: number; headers: Record<string, string>; body: string }; redactHeaders?: string[] } | { ok: false; code: string; message: string };

/** Checks a trigger's authentication (signature presets, basic, header) on the raw request. */
export interface TriggerVerifier {
  verify(auth: WebhookConfig['auth'], request: RequestFacts): Promise<VerifyOutcome>;
}

/** Until signature presets exist, anything but `none` fails closed. */
export const noneOnlyVerifier: TriggerVerifier = {
  async verify(auth) {
    if (auth.kind === 'none') return { ok: true };
    return { ok: false, code: 'auth_unavailable', message: `Authentication "${auth.kind}" is not available in this build; the event was refused.` };
  },
};
