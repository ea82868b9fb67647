import { createHash } from 'node:crypto';
import type { RunRow } from '../db/run-repo.js';

/**
 * The key outbound calls of one step carry on every attempt, including a re-run after a
 * crash, so receivers can drop repeats. A replayed run is a new run and gets new keys.
 */
export function idempotencyKeyFor(run: Pick<RunRow, 'id'>, nodeId: string): string {
  return `sy_${createHash('sha256').update(`${run.id}\0${nodeId}`).digest('base64url').slice(0, 32)}`;
}
