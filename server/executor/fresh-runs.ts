// Per-process state: the runs this process has just accepted, so that their first claim, when it
// lands here, starts without reading the run and its event back (docs/architecture.md).
import type { ClaimedJob, RunRow } from '../engine/records.js';
import type { StepScope } from '../engine/step-types.js';
import type { ParkedRun } from './parked-runs.js';
import { createSizedEntries } from '../lib/sized-entries.js';
import { triggerBytes } from './run-budget.js';

/** A run as ingest stored it: its row and the trigger data its steps will see (built from the same parse). */
export interface FreshRun {
  run: RunRow;
  trigger: StepScope['trigger'];
}

export interface FreshRunsOptions {
  /** Entries kept at most; the oldest goes first. */
  max?: number;
  /** Bytes held by all entries at most, as estimated from the request; the oldest go first. */
  maxBytes?: number;
  /** A request larger than this is not kept: its run is read back instead. */
  maxEntryBytes?: number;
}

/**
 * The row of a run that ingest has just started (no parent, no replay, queued), as the store
 * would hand it back before its first claim.
 */
export function startedRunRow(r: { id: string; workflowId: string; version: number; eventId: string; createdAt: number }): RunRow {
  return {
    ...r,
    status: 'queued',
    replayOf: null,
    error: undefined,
    wakeAt: null,
    startedAt: null,
    finishedAt: null,
    parentRunId: null,
    parentNodeId: null,
    parentWaits: false,
    depth: 0,
    errorOf: null,
  };
}

/**
 * Runs accepted by this process, up to their first claim. A claim may use an entry only when it
 * is the run's first (`claims` is 1): then nobody claimed the run before, in this process or
 * another, so it holds no steps and nothing but a cancel (read fresh by the executor before any
 * step that acts outside the run) can have changed it since ingest committed it. A run claimed
 * elsewhere first is read back; its entry here is never taken and ages out. Whatever is taken,
 * matching or not, is forgotten.
 */
export function createFreshRuns(o: FreshRunsOptions = {}) {
  const max = o.max ?? 2_000;
  const maxBytes = o.maxBytes ?? 16 * 1024 * 1024;
  const maxEntryBytes = o.maxEntryBytes ?? 256 * 1024;
  const kept = createSizedEntries<FreshRun>();
  return {
    /** Remembers a run once ingest's write of it is durable; `bodyBytes` is the raw body's size. */
    keep(entry: FreshRun, bodyBytes: number): void {
      // Without walking the parsed body.
      const bytes = triggerBytes(bodyBytes, entry.trigger.headers);
      if (bytes > maxEntryBytes) return;
      // Oldest first: under a backlog the executor claims the oldest runs first, and those are the
      // ones a claim elsewhere took, or that waited longest; a cap only costs reads, never a run.
      kept.dropOldestWhile(() => kept.size >= max || kept.bytes + bytes > maxBytes);
      kept.set(entry.run.id, entry, bytes);
    },
    /** The run of `job` as ingest stored it, when this is its first claim; forgets the entry either way. */
    take(job: ClaimedJob): ParkedRun | undefined {
      const taken = kept.take(job.runId);
      if (!taken || job.claims !== 1) return undefined;
      const { entry, bytes } = taken;
      return { run: entry.run, trigger: entry.trigger, steps: [], claims: 0, until: entry.run.createdAt, bytes };
    },
    get size() {
      return kept.size;
    },
    /** About how many bytes the kept entries hold. */
    get bytes() {
      return kept.bytes;
    },
  };
}
export type FreshRuns = ReturnType<typeof createFreshRuns>;
