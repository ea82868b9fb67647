import { AppError } from '../../shared/errors.js';
import { runStatuses, type RunStatus } from '../../shared/runs/run-status.js';
import type { Clock } from '../lib/clock.js';
import type { Store } from '../store/ports/store.js';
import { triggerData, type VersionCache } from '../executor/run-state.js';
import { createRunTree } from './child-runs-tree.js';
import { createStepReplays, type PreparedOrRefused } from './replay-from-step-service.js';
import type { RunRow, StepRecord } from '../engine/records.js';
import { parseTriggerWhere } from './trigger-where.js';
import { RUN_SEARCH_EXAMINE } from '../store/trigger-value-probe.js';

export interface RunServiceDeps {
  store: Store;
  versions: VersionCache;
  clock: Clock;
  defaultConcurrency: number;
  /** Tells the workers a new run is queued. */
  onQueued: () => void;
  /** Tells the workers to stop a run they are executing. */
  onCancelled?: (runId: string) => void;
  /** How many runs a trigger-value search examines per call (default RUN_SEARCH_EXAMINE). */
  searchWindow?: number;
}

const encodeCursor = (r: { createdAt: number; id: string }) => Buffer.from(`${r.createdAt}:${r.id}`).toString('base64url');
function decodeCursor(cursor: string): { createdAt: number; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split(':');
  const createdAt = Number(at);
  if (!id || !Number.isSafeInteger(createdAt)) throw new AppError('BAD_REQUEST', 400, 'The cursor is not one this API handed out.');
  return { createdAt, id };
}

/** Filters of the runs list and of bulk replay, as they arrive in a query or a body. */
export interface RunQuery {
  workflowId?: string;
  status?: string;
  from?: string | number;
  to?: string | number;
  errorCode?: string;
  /** A provider's event id or Idempotency-Key (the stored dedupe key). */
  dedupeKey?: string;
  /** `trigger.body.path.to.field=value` (trigger-where.ts). */
  where?: string;
}

/** A time given as epoch milliseconds or an ISO date. */
function parseTime(value: string | number | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = typeof value === 'number' || /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new AppError('BAD_REQUEST', 400, `${name} must be a time: epoch milliseconds or an ISO date.`);
  return ms;
}

function runFilter(q: RunQuery) {
  if (q.status && !(runStatuses as readonly string[]).includes(q.status)) {
    throw new AppError('BAD_REQUEST', 400, `Unknown status "${q.status}"; use one of ${runStatuses.join(', ')}.`);
  }
  return {
    workflowId: q.workflowId,
    status: q.status as RunStatus | undefined,
    from: parseTime(q.from, 'from'),
    to: parseTime(q.to, 'to'),
    errorCode: q.errorCode,
    dedupeKey: q.dedupeKey || undefined,
    where: q.where ? parseTriggerWhere(q.where) : undefined,
  };
}

/** Reading runs with their steps, and starting new runs from stored events (replay). */
export function createRunService(d: RunServiceDeps) {
  const summary = async (r: RunRow, names: Map<string, string | undefined>) => {
    if (!names.has(r.workflowId)) names.set(r.workflowId, (await d.store.workflows.get(r.workflowId))?.name);
    return {
      id: r.id,
      workflowId: r.workflowId,
      workflowName: names.get(r.workflowId) ?? null,
      version: r.version,
      status: r.status,
      replayOf: r.replayOf,
      createdAt: r.createdAt,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      wakeAt: r.wakeAt,
      error: r.error ?? null,
    };
  };

  const tree = createRunTree();
  const stepReplays = createStepReplays(d);

  const mustGet = async (id: string): Promise<RunRow> => {
    const run = await d.store.runs.get(id);
    if (!run) throw new AppError('NOT_FOUND', 404, `There is no run with id "${id}".`);
    return run;
  };

  /**
   * Starts a new run for a stored event on a workflow version; a replay from a step starts
   * with the `copies` of earlier results. A replayed error-workflow run stays one (`errorOf`).
   */
  const enqueue = async (workflowId: string, version: number, eventId: string, replayOf: string | null, extra: { copies?: readonly StepRecord[]; errorOf?: string | null } = {}) => {
    const now = d.clock.now();
    const concurrency = (await d.versions(workflowId, version))?.definition.settings.concurrency ?? d.defaultConcurrency;
    const started = await d.store.runs.startRun({
      workflowId,
      version,
      concurrency,
      now,
      event: { kind: 'stored', eventId },
      replayOf,
      lineage: { errorOf: extra.errorOf ?? null },
      copies: extra.copies,
    });
    if (started.kind !== 'started') throw new Error('a replay names a stored event and cannot be a duplicate');
    d.onQueued();
    return started.runId;
  };

  return {
    async list(q: RunQuery & { limit?: string; cursor?: string }) {
      const limit = q.limit === undefined ? 50 : Number(q.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new AppError('BAD_REQUEST', 400, 'limit must be a whole number from 1 to 500.');
      const filter = { ...runFilter(q), before: q.cursor ? decodeCursor(q.cursor) : undefined, limit: limit + 1 };
      // A trigger-value search examines a bounded window of runs; when it ends before the page
      // fills, the answer says so and its cursor continues from the window's oldest run.
      const { rows, examinedTo } = filter.where
        ? await d.store.runs.search({ ...filter, where: filter.where }, d.searchWindow ?? RUN_SEARCH_EXAMINE)
        : { rows: await d.store.runs.list(filter), examinedTo: null };
      const page = rows.slice(0, limit);
      const names = new Map<string, string | undefined>();
      const last = page[page.length - 1];
      const runs = await Promise.all(page.map((r) => summary(r, names)));
      if (rows.length <= limit && examinedTo) return { runs, nextCursor: encodeCursor(examinedTo), truncated: true, searchedBackTo: examinedTo.createdAt };
      return { runs, nextCursor: rows.length > limit && last ? encodeCursor(last) : null, truncated: false };
    },
    /**
     * A run with every step: the trigger first, then each node's latest attempt and all its
     * attempts. `frame` picks one item of a loop (`loop:3`); the default is the top level.
     */
    async detail(id: string, frame = '') {
      const run = await mustGet(id);
      const version = await d.versions(run.workflowId, run.version);
      const event = await d.store.runs.getEvent(run.eventId);
      const records = await d.store.steps.inFrame(id, frame);
      const byNode = new Map<string, StepRecord[]>();
      for (const r of records) byNode.set(r.nodeId, [...(byNode.get(r.nodeId) ?? []), r]);
      const typeOf = (nodeId: string) => version?.nodes.get(nodeId)?.type ?? null;
      const steps = [];
      if (version && event && frame === '') {
        const trigger = triggerData(event, version.trigger);
        const at = event.receivedAt;
        steps.push({
          nodeId: version.trigger.id,
          type: version.trigger.type,
          status: 'succeeded',
          attempt: 1,
          input: null,
          output: trigger,
          error: null,
          logs: [],
          startedAt: at,
          finishedAt: at,
          attempts: [],
        });
      }
      const order = version?.order ?? [...byNode.keys()];
      for (const nodeId of order) {
        const attempts = (byNode.get(nodeId) ?? []).sort((a, b) => a.attempt - b.attempt);
        const latest = attempts[attempts.length - 1];
        if (!latest) continue;
        steps.push({
          nodeId,
          type: typeOf(nodeId),
          status: latest.status,
          attempt: latest.attempt,
          input: latest.input ?? null,
          output: latest.output ?? null,
          error: latest.error ?? null,
          logs: latest.logs ?? [],
          startedAt: latest.startedAt,
          finishedAt: latest.finishedAt,
          nextAttemptAt: latest.nextAttemptAt ?? null,
          attempts: attempts.map((a) => ({
            attempt: a.attempt,
            status: a.status,
            input: a.input ?? null,
            output: a.output ?? null,
            error: a.error ?? null,
            logs: a.logs ?? [],
            detail: a.detail ?? null,
            startedAt: a.startedAt,
            finishedAt: a.finishedAt,
            nextAttemptAt: a.nextAttemptAt ?? null,
          })),
        });
      }
      return {
        ...(await summary(run, new Map())),
        eventId: run.eventId,
        frame,
        parentRunId: run.parentRunId,
        parentNodeId: run.parentNodeId,
        depth: run.depth,
        errorOf: run.errorOf,
        definition: version?.definition ?? null,
        steps,
      };
    },
    /** How each item of a loop ended, in item order: `frame` is where the loop itself runs ('' at the top level). */
    async iterations(id: string, loopId: string, frame = '', page: { offset: number; limit: number }) {
      await mustGet(id);
      const rows = await d.store.steps.iterations(id, loopId, frame, page.offset, page.limit + 1);
      const items = rows.slice(0, page.limit).map((r) => ({
        index: r.detail?.index ?? null,
        frame: r.frame,
        status: r.status,
        dropped: r.detail?.dropped === true,
        output: r.output ?? null,
        error: r.error ?? null,
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
      }));
      return { items, nextOffset: rows.length > page.limit ? page.offset + page.limit : null };
    },
    /**
     * A new run from the stored event of `id`, on the workflow's current version (or the original
     * one); from `fromNodeId` on when given, reusing the old run's results before it.
     */
    async replay(id: string, which: 'current' | 'original' = 'current', fromNodeId?: string) {
      const run = await mustGet(id);
      if (fromNodeId !== undefined) {
        const r = await stepReplays.fromStep(run, which, fromNodeId);
        return enqueue(r.workflowId, r.version, run.eventId, run.id, { copies: r.copies, errorOf: run.errorOf });
      }
      const wf = await d.store.workflows.get(run.workflowId);
      if (!wf) throw new AppError('NOT_FOUND', 404, 'The workflow of this run was deleted; it cannot be replayed.');
      return enqueue(run.workflowId, which === 'original' ? run.version : (wf.publishedVersion ?? wf.currentVersion), run.eventId, run.id, { errorOf: run.errorOf });
    },
    /** Cancels a queued, waiting or running run; a running step is aborted and the run ends as cancelled. */
    async cancel(id: string, reason = 'Cancelled by a person.') {
      const run = await mustGet(id);
      const now = d.clock.now();
      // The children it waits for go with it; a parent waiting for it learns at once.
      const cancelled = await d.store.write(async (tx) => {
        const changed = await tx.runs.cancel(id, { code: 'cancelled', message: reason }, now);
        if (!changed) return undefined;
        await tx.jobs.cancelIdle(id, now);
        const ended = await tx.runs.get(id);
        if (ended) await tree.wakeParentOf(tx, ended, now);
        return [id, ...(await tree.cancelWaitedChildren(tx, id, now))];
      });
      if (!cancelled) throw new AppError('CONFLICT', 409, `The run has already ended (${run.status}); there is nothing to cancel.`);
      for (const runId of cancelled) d.onCancelled?.(runId);
      d.onQueued();
      return this.detail(id);
    },
    /**
     * Replays every run matching a filter (dead letters after an outage, say), oldest first, up
     * to `max`. With `dryRun` it only counts, so a person sees the size before committing to it.
     */
    async replayMatching(q: RunQuery, opts: { dryRun: boolean; version: 'current' | 'original'; max: number; replayFrom?: 'start' | 'failedStep' }) {
      const matching = await d.store.runs.list({ ...runFilter(q), limit: opts.max + 1 });
      const truncated = matching.length > opts.max;
      const runs = matching.slice(0, opts.max).reverse();
      if (opts.replayFrom === 'failedStep') return replayFromFailedSteps(runs, truncated, opts);
      if (opts.dryRun) return { count: runs.length, truncated, runIds: [] as string[] };
      const runIds: string[] = [];
      for (const run of runs) {
        const wf = await d.store.workflows.get(run.workflowId);
        if (wf) runIds.push(await enqueue(run.workflowId, opts.version === 'original' ? run.version : (wf.publishedVersion ?? wf.currentVersion), run.eventId, run.id));
      }
      return { count: runIds.length, truncated, runIds };
    },
    enqueue,
  };

  /** Bulk replay where each run starts again at its own failed step; runs that cannot are listed in `skipped`. */
  async function replayFromFailedSteps(runs: readonly RunRow[], truncated: boolean, opts: { dryRun: boolean; version: 'current' | 'original' }) {
    const prepared = await Promise.all(runs.map(async (run) => ({ run, p: await stepReplays.fromFailedStep(run, opts.version) })));
    const skipped = prepared.flatMap(({ run, p }: { run: RunRow; p: PreparedOrRefused }) => (p.ok ? [] : [{ runId: run.id, reason: p.reason, message: p.message }]));
    const ready = prepared.flatMap(({ run, p }) => (p.ok ? [{ run, replay: p.replay }] : []));
    if (opts.dryRun) return { count: ready.length, truncated, runIds: [] as string[], skipped };
    const runIds: string[] = [];
    for (const { run, replay } of ready) runIds.push(await enqueue(replay.workflowId, replay.version, run.eventId, run.id, { copies: replay.copies, errorOf: run.errorOf }));
    return { count: runIds.length, truncated, runIds, skipped };
  }
}
export type RunService = ReturnType<typeof createRunService>;
