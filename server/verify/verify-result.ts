import type { VerifyOutcome } from '../ingest/trigger-verifier.js';

/** Why a request was refused: the `reason` of the 401 and the key of the trigger's rejection counter. */
export type VerifyFailureCode =
  | 'credential_missing'
  | 'credential_wrong_type'
  | 'credential_unreadable'
  | 'credential_invalid'
  | 'signature_missing'
  | 'signature_malformed'
  | 'signature_mismatch'
  | 'too_many_signatures'
  | 'timestamp_missing'
  | 'timestamp_invalid'
  | 'timestamp_out_of_range'
  | 'body_hash_mismatch'
  | 'auth_missing'
  | 'auth_mismatch'
  | 'auth_unsupported'
  | 'auth_config_invalid';

/** The request as a preset sees it: exact bytes, lower-case header names, the public URL, the time. */
export interface PresetRequest {
  method: string;
  publicUrl: string;
  headers: Record<string, string>;
  rawBody: Buffer;
  now: number;
}

/** A refusal with a stable code and a sentence a person can act on. */
export const reject = (code: VerifyFailureCode, message: string): VerifyOutcome => ({ ok: false, code, message });

/** Acceptance, with the provider's event id as the dedupe key when there is one. */
export const accept = (dedupeKey?: string | null): VerifyOutcome => (dedupeKey ? { ok: true, dedupeKey } : { ok: true });

/** Signature entries one header may carry (rotation needs two or three): more is refused, so a sender cannot make us hash forever. */
export const MAX_SIGNATURE_ENTRIES = 8;

/** The default tolerance for signed timestamps, in both directions. */
export const DEFAULT_TOLERANCE_SECONDS = 300;
