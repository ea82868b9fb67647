import type { TypedCredential } from '../../shared/credentials/credential-types.js';
import type { signaturePresets } from '../../shared/nodes/webhook.node.js';
import type { VerifyOutcome } from '../ingest/trigger-verifier.js';
import { reject } from './verify-result.js';

export type SignaturePreset = (typeof signaturePresets)[number];

/** The secrets a webhook-secret credential holds now: the current one, then the previous one until it expires. */
export function activeSecrets(data: { secret: string; previousSecret?: string; previousSecretExpiresAt?: number }, now: number): string[] {
  const out = [data.secret];
  if (data.previousSecret && (data.previousSecretExpiresAt === undefined || now < data.previousSecretExpiresAt)) out.push(data.previousSecret);
  return out;
}

/**
 * The signing secrets a preset may use from a credential: every preset takes a webhook-secret;
 * Slack also takes a Slack credential's signing secret, Twilio a Twilio credential's auth token.
 */
export function signatureSecrets(preset: SignaturePreset, credential: TypedCredential, now: number): { ok: true; secrets: string[] } | { ok: false; outcome: VerifyOutcome } {
  if (credential.type === 'webhook-secret') return { ok: true, secrets: activeSecrets(credential.data, now) };
  if (preset === 'slack' && credential.type === 'slack' && credential.data.signingSecret) return { ok: true, secrets: [credential.data.signingSecret] };
  if (preset === 'twilio' && credential.type === 'twilio') return { ok: true, secrets: [credential.data.authToken] };
  const wanted = preset === 'slack' ? 'webhook-secret or slack (with a signing secret)' : preset === 'twilio' ? 'webhook-secret or twilio' : 'webhook-secret';
  return { ok: false, outcome: reject('credential_wrong_type', `The trigger's credential is a ${credential.type} credential; the ${preset} preset needs a ${wanted} credential.`) };
}
