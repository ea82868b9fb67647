import type { VerifyOutcome } from '../ingest/trigger-verifier.js';
import { secretEqual } from './signature-crypto.js';
import { reject, type PresetRequest } from './verify-result.js';

/** A shared token in a header: the whole value (e.g. `Bearer abc`) must equal the credential's, compared hashed in constant time. */
export function verifyHeader(req: PresetRequest, headerName: string, expected: string): VerifyOutcome {
  const name = headerName.toLowerCase();
  const value = req.headers[name];
  if (value === undefined || value.trim() === '') return reject('auth_missing', `The ${headerName} header is missing.`);
  return secretEqual(value.trim(), expected.trim()) ? { ok: true, redactHeaders: [name] } : reject('auth_mismatch', `The ${headerName} header does not hold the expected value.`);
}
