import type { CredentialService } from './credential-service.js';

/**
 * `resolveSigningSecret` for the http runner: the `secret` of a webhook-secret credential, or
 * null when the id names no credential, another type, or one this key cannot open (the runner
 * then fails the step without retrying and names the credential).
 */
export function createSigningSecretResolver(credentials: Pick<CredentialService, 'read'>): (credentialId: string) => Promise<string | null> {
  return async (credentialId) => {
    try {
      const c = await credentials.read(credentialId);
      return c?.type === 'webhook-secret' ? c.data.secret : null;
    } catch {
      return null;
    }
  };
}
