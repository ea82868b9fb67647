import type { VerifyOutcome } from '../ingest/trigger-verifier.js';
import { secretEqual } from './signature-crypto.js';
import { reject, type PresetRequest } from './verify-result.js';

/**
 * HTTP Basic: `Authorization: Basic base64(user:password)`. Both parts are always compared
 * (hashed, in constant time), so timing says neither which part was wrong nor how long it is.
 */
export function verifyBasic(req: PresetRequest, expected: { username: string; password: string }): VerifyOutcome {
  const header = req.headers.authorization?.trim();
  if (!header) return reject('auth_missing', 'The Authorization header is missing; send Basic credentials.');
  const m = /^basic\s+([A-Za-z0-9+/]+={0,2})$/i.exec(header);
  if (!m?.[1]) return reject('auth_missing', 'The Authorization header is not "Basic " followed by base64.');
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return reject('auth_mismatch', 'The user name or password is wrong.');
  const userOk = secretEqual(decoded.slice(0, colon), expected.username);
  const passOk = secretEqual(decoded.slice(colon + 1), expected.password);
  return userOk && passOk ? { ok: true, redactHeaders: ['authorization'] } : reject('auth_mismatch', 'The user name or password is wrong.');
}
