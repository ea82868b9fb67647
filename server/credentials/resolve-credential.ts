import { credentialTypes, type CredentialType } from '../../shared/credentials/credential-types.js';
import type { StepError } from '../../shared/runs/run-status.js';
import type { CredentialService, ReadCredential } from './credential-service.js';

/** A decrypted credential of one of the types `T`. */
export type CredentialOf<T extends CredentialType> = Extract<ReadCredential, { type: T }>;

/** The credential, or a permanent step error that names the problem (never a value). */
export type CredentialResolution<T extends CredentialType> = { ok: true; credential: CredentialOf<T> } | { ok: false; error: StepError };

/** Looks a credential up by id for a step and checks that it is of a type the step can use. */
export type ResolveCredential = <T extends CredentialType>(id: string, expected: readonly T[]) => Promise<CredentialResolution<T>>;

const titleOf = (type: string): string => (Object.hasOwn(credentialTypes, type) ? credentialTypes[type as CredentialType].title : type);
const listOf = (types: readonly string[]): string => types.map((t) => `${titleOf(t)} (${t})`).join(' or ');

/**
 * `resolveCredential` for app actions. A missing credential, one of another type, or one
 * this secret key cannot open fails the step without retrying: the same attempt would fail
 * again until a person fixes the credential (then replays the run).
 */
export function createCredentialResolver(credentials: Pick<CredentialService, 'read'>): ResolveCredential {
  return async <T extends CredentialType>(id: string, expected: readonly T[]): Promise<CredentialResolution<T>> => {
    const shown = id.slice(0, 100);
    let found: ReadCredential | null;
    try {
      found = await credentials.read(id);
    } catch {
      return {
        ok: false,
        error: {
          code: 'credential_unreadable',
          retryable: false,
          message: `Credential ${shown} cannot be opened (the secret key changed, or the stored row was altered). Save its data again in Settings.`,
        },
      };
    }
    if (!found) {
      return { ok: false, error: { code: 'credential_missing', retryable: false, message: `No credential ${shown} exists; pick a ${listOf(expected)} credential.` } };
    }
    if (!(expected as readonly string[]).includes(found.type)) {
      return {
        ok: false,
        error: { code: 'credential_wrong_type', retryable: false, message: `Credential "${found.name}" is a ${titleOf(found.type)} credential; this step needs a ${listOf(expected)} credential.` },
      };
    }
    return { ok: true, credential: found as CredentialOf<T> };
  };
}
