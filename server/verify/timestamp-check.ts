import { reject, type VerifyFailureCode } from './verify-result.js';
import type { VerifyOutcome } from '../ingest/trigger-verifier.js';

/**
 * Checks a signed Unix timestamp (seconds) against now, in both directions: a stale one is a
 * replay, a future one a clock problem or a forgery prepared in advance. Null when it is fine.
 */
export function checkTimestamp(text: string | undefined, nowMs: number, toleranceSeconds: number, unit: 'seconds' | 'milliseconds' = 'seconds'): VerifyOutcome | null {
  if (text === undefined || text.trim() === '') return reject('timestamp_missing', 'The request has no signed timestamp.');
  if (!/^\d{1,16}$/.test(text.trim())) return reject('timestamp_invalid', 'The signed timestamp is not a whole number.');
  const seconds = unit === 'seconds' ? Number(text) : Number(text) / 1000;
  const skew = nowMs / 1000 - seconds;
  if (Math.abs(skew) <= toleranceSeconds) return null;
  const code: VerifyFailureCode = 'timestamp_out_of_range';
  return skew > 0
    ? reject(code, `The signed timestamp is ${Math.round(skew)} s old; at most ${toleranceSeconds} s is accepted (a replayed request, or a clock that is off).`)
    : reject(code, `The signed timestamp is ${Math.round(-skew)} s in the future; at most ${toleranceSeconds} s is accepted (check the sender's clock).`);
}
