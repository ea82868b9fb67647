import { createHash } from 'node:crypto';
import type { RunRow } from '../engine/records.js';

/**
 * The key outbound calls of one step carry on every attempt, including a re-run after a
 * crash, so receivers can drop repeats. Steps inside a loop get one key per item. A replayed run is a new run and gets new keys.
 */
export function idempotencyKeyFor(run: Pick<RunRow, 'id'>, nodeId: string, frame = ''): string {
  // Each item of a loop is its own call; top-level keys stay as they were before loops existed.
  const material = frame ? `${run.id}\0${nodeId}\0${frame}` : `${run.id}\0${nodeId}`;
  return `sy_${createHash('sha256').update(material).digest('base64url').slice(0, 32)}`;
}
