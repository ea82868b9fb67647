import type { TypedCredential } from '../../shared/credentials/credential-types.js';
import { hmacOptionsSchema, type WebhookConfig } from '../../shared/nodes/webhook.node.js';
import type { VerifyOutcome } from '../ingest/trigger-verifier.js';
import { verifyBasic } from './basic-auth.preset.js';
import { signatureSecrets, type SignaturePreset } from './credential-secrets.js';
import { verifyGithub } from './github.preset.js';
import { verifyHeader } from './header-auth.preset.js';
import { verifyHmac } from './hmac.preset.js';
import { verifyPagerduty } from './pagerduty.preset.js';
import { verifyShopify } from './shopify.preset.js';
import { verifySlack } from './slack.preset.js';
import { verifyStandardWebhooks } from './standard-webhooks.preset.js';
import { verifyStripe } from './stripe.preset.js';
import { verifyTwilio } from './twilio.preset.js';
import { DEFAULT_TOLERANCE_SECONDS, reject, type PresetRequest } from './verify-result.js';

type Auth = WebhookConfig['auth'];
type SignatureAuth = Extract<Auth, { kind: 'signature' }>;

function verifySignature(auth: SignatureAuth, secrets: readonly string[], req: PresetRequest): VerifyOutcome {
  const tolerance = auth.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const preset: SignaturePreset = auth.preset;
  switch (preset) {
    case 'stripe':
      return verifyStripe(req, secrets, tolerance);
    case 'github':
      return verifyGithub(req, secrets);
    case 'shopify':
      return verifyShopify(req, secrets);
    case 'slack':
      return verifySlack(req, secrets, tolerance);
    case 'twilio':
      return verifyTwilio(req, secrets);
    case 'pagerduty':
      return verifyPagerduty(req, secrets);
    case 'standard-webhooks':
      return verifyStandardWebhooks(req, secrets, tolerance);
    case 'hmac': {
      // Parsed again here: a stored config from before the options existed gets their defaults.
      const options = hmacOptionsSchema.safeParse(auth.hmac ?? {});
      if (!options.success) return reject('auth_config_invalid', `The trigger's hmac options are not valid: ${options.error.issues[0]?.message ?? 'see the trigger settings'}.`);
      return verifyHmac(req, secrets, options.data);
    }
    default: {
      const unreachable: never = preset;
      return reject('auth_unsupported', `Unknown signature preset ${String(unreachable)}.`);
    }
  }
}

const wrongType = (kind: string, wanted: string, got: string) =>
  reject('credential_wrong_type', `The trigger's credential is a ${got} credential; ${kind} authentication needs a ${wanted} credential.`);

/**
 * Pure: checks one request against a trigger's auth settings and its (decrypted) credential.
 * `credential` is null when the trigger names one that does not exist: fail closed.
 */
export function verifyRequest(auth: Auth, credential: TypedCredential | null, req: PresetRequest): VerifyOutcome {
  if (auth.kind === 'none') return { ok: true };
  if (!credential) return reject('credential_missing', `The trigger's credential ${auth.credentialId} does not exist; pick or create one in the trigger's settings.`);
  switch (auth.kind) {
    case 'signature': {
      const found = signatureSecrets(auth.preset, credential, req.now);
      return found.ok ? verifySignature(auth, found.secrets, req) : found.outcome;
    }
    case 'basic':
      return credential.type === 'basic' ? verifyBasic(req, credential.data) : wrongType('basic', 'basic', credential.type);
    case 'header':
      return credential.type === 'header' ? verifyHeader(req, auth.header ?? credential.data.name ?? 'authorization', credential.data.value) : wrongType('header', 'header', credential.type);
    default: {
      const unreachable: never = auth;
      return reject('auth_unsupported', `Authentication "${String((unreachable as { kind?: unknown }).kind)}" is not supported; the event was refused.`);
    }
  }
}
