import type { Logger } from 'pino';
import type { TriggerVerifier } from '../ingest/trigger-verifier.js';
import type { CredentialService, ReadCredential } from '../credentials/credential-service.js';
import { verifyRequest } from './verify-request.js';
import { reject } from './verify-result.js';

/** What the verifier needs: a way to read (decrypt) a credential, and a logger for unreadable ones. */
export interface TriggerVerifierDeps {
  credentials: Pick<CredentialService, 'read'>;
  logger: Logger;
}

/**
 * The trigger verifier: loads the trigger's credential, then runs the pure check of
 * `verifyRequest`. Fails closed on anything unexpected. Logs ids and reasons, never values.
 */
export function createTriggerVerifier(deps: TriggerVerifierDeps): TriggerVerifier {
  return {
    async verify(auth, request) {
      if (auth.kind === 'none') return { ok: true };
      let credential: ReadCredential | null;
      try {
        credential = await deps.credentials.read(auth.credentialId);
      } catch (err) {
        // The message names the credential and why (other key, altered row), never its data.
        const why = err instanceof Error ? err.message : 'unknown error';
        deps.logger.error({ credentialId: auth.credentialId, workflowId: request.workflowId, nodeId: request.nodeId, why }, 'a trigger credential cannot be read');
        return reject('credential_unreadable', `The trigger's credential ${auth.credentialId} cannot be decrypted on this server; enter it again.`);
      }
      const { method, publicUrl, headers, rawBody, now } = request;
      try {
        const verdict = verifyRequest(auth, credential, { method, publicUrl, headers, rawBody, now });
        // Debug only: a flood of forgeries must not flood the log; the counter is what people see.
        if (!verdict.ok) deps.logger.debug({ workflowId: request.workflowId, nodeId: request.nodeId, reason: verdict.code }, 'trigger request refused');
        return verdict;
      } catch (err) {
        deps.logger.error({ workflowId: request.workflowId, nodeId: request.nodeId, why: err instanceof Error ? err.name : 'unknown' }, 'trigger verification failed unexpectedly');
        return reject('auth_unsupported', 'The request could not be verified; it was refused.');
      }
    },
  };
}

/** Wraps a verifier so that every refusal is counted for its trigger (what the editor shows as "N rejected"). */
export function countingVerifier(inner: TriggerVerifier, record: (workflowId: string, nodeId: string, code: string) => void): TriggerVerifier {
  return {
    async verify(auth, request) {
      const verdict = await inner.verify(auth, request);
      if (!verdict.ok) record(request.workflowId, request.nodeId, verdict.code);
      return verdict;
    },
  };
}
