import { edgeOutput } from '../../shared/graph/graph-index.js';
import type { StepError } from '../../shared/runs/run-status.js';
import { loopConfigSchema, LOOP_DONE_OUTPUT } from '../../shared/nodes/loop.node.js';
import { ERROR_OUTPUT } from '../../shared/nodes/define-node-type.js';
import { frameFrom, iterationIndex, iterationKey, type FrameState } from './frame-state.js';
import type { StepRecord } from './records.js';
import type { CompiledVersion } from './compiled-version.js';

/** How one item of a loop ended. `dropped`: its body produced nothing (a filter stopped it). */
export interface IterationResult {
  status: 'succeeded' | 'failed';
  output?: unknown;
  error?: StepError;
  dropped?: boolean;
}

/** A loop in progress: its items, the items running now, and the results so far. */
export interface LoopRun {
  /** The frame the loop node itself lives in. */
  frame: FrameState;
  nodeId: string;
  /** Its `running` attempt, which the final result replaces. */
  started: StepRecord;
  items: readonly unknown[];
  concurrency: number;
  collectFailures: boolean;
  results: Map<number, IterationResult>;
  active: Map<number, FrameState>;
  /** The next item to start: items start in order, so every index below it has started. */
  next: number;
  /** The item that failed the loop (when failures are not collected). */
  failure?: { index: number; error: StepError };
}

/** A loop that just started (its runner gave the items), with nothing run yet. */
export function newLoopRun(frame: FrameState, started: StepRecord, version: CompiledVersion): LoopRun {
  const config = loopConfigSchema.safeParse(version.nodes.get(started.nodeId)?.config);
  return {
    frame,
    nodeId: started.nodeId,
    started,
    items: Array.isArray(started.output) ? started.output : [],
    concurrency: config.data?.concurrency ?? 1,
    collectFailures: config.data?.onItemFailure === 'collect',
    results: new Map(),
    active: new Map(),
    next: 0,
  };
}

/** Starts item `index`: a fresh frame (or one rebuilt from stored records) for the loop's body. */
export function startIteration(loop: LoopRun, index: number, version: CompiledVersion, records: readonly StepRecord[] = [], now?: number): FrameState {
  const body = version.frames.bodies.get(loop.nodeId);
  if (!body) throw new Error(`loop ${loop.nodeId} has no compiled body`);
  const item = loop.items[index];
  const frame = frameFrom(iterationKey(loop.frame.key, loop.nodeId, index), body, records, { input: item, output: { item, index, total: loop.items.length } }, loop.frame);
  frame.startedAt = records.length ? Math.min(...records.map((r) => r.startedAt)) : now;
  loop.active.set(index, frame);
  loop.next = Math.max(loop.next, index + 1);
  return frame;
}

/**
 * What a finished item gives: the output of the last step (in graph order) where the body
 * ended, i.e. a step that fired an output no edge leaves from. An item that never got to
 * such an end (a filter stopped it) is dropped from the results.
 */
export function iterationOutput(frame: FrameState): { output?: unknown; dropped?: boolean } {
  const { graph, order, entryId } = frame.frame;
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i] as string;
    const p = frame.progress.get(id);
    if (id === entryId || !p?.ports?.length || (p.status !== 'succeeded' && p.status !== 'failed')) continue;
    const wired = new Set((graph.outgoing.get(id) ?? []).map(edgeOutput));
    if (p.ports.some((port) => !wired.has(port))) return { output: frame.outputs.get(id) };
  }
  return { dropped: true };
}

/** The stored marker that item `index` is done: the loop node's id under the item's frame. */
export function iterationRecord(loop: LoopRun, index: number, result: IterationResult, startedAt: number, now: number): StepRecord {
  return {
    runId: loop.started.runId,
    frame: iterationKey(loop.frame.key, loop.nodeId, index),
    nodeId: loop.nodeId,
    attempt: 1,
    status: result.status,
    output: result.output,
    error: result.error,
    detail: { index, ...(result.dropped ? { dropped: true } : {}) },
    startedAt,
    finishedAt: now,
  };
}

/** Whether the loop has nothing left to run. */
export const loopIsDone = (loop: LoopRun): boolean => loop.failure !== undefined || loop.results.size >= loop.items.length;

/**
 * The loop's final attempt: the collected results in item order on "done" (dropped items left
 * out, collected failures as `{error}`), or the first failed item, handled by `onFailure`.
 */
export function finalLoopRecord(loop: LoopRun, onFailure: 'fail' | 'continue' | 'branch' | undefined, now: number): StepRecord {
  const counts = { total: loop.items.length, succeeded: 0, failed: 0, dropped: 0 };
  const output: unknown[] = [];
  for (let i = 0; i < loop.items.length; i++) {
    const r = loop.results.get(i);
    if (!r) continue;
    if (r.dropped) counts.dropped++;
    else if (r.status === 'failed') {
      counts.failed++;
      output.push({ error: r.error });
    } else {
      counts.succeeded++;
      output.push(r.output);
    }
  }
  const base = { ...loop.started, finishedAt: now, detail: { ...loop.started.detail, ...counts } };
  if (!loop.failure) return { ...base, status: 'succeeded', output, ports: [LOOP_DONE_OUTPUT] };
  const { index, error: cause } = loop.failure;
  const error: StepError = { code: 'loop_item_failed', message: `Item ${index + 1} of ${loop.items.length} failed: ${cause.message}`, index, cause: cause.code };
  const handled = onFailure === 'continue' ? [LOOP_DONE_OUTPUT] : onFailure === 'branch' ? [ERROR_OUTPUT] : undefined;
  return handled ? { ...base, status: 'failed', error, output: { error }, ports: handled } : { ...base, status: 'failed', error, output: undefined };
}

/**
 * Rebuilds the loops that were running when the run was put aside (or its server died): each
 * loop's stored items, the items already done, and the frames of those in flight, nested
 * loops included. Items start in order, so every item below the highest one seen has started.
 */
export function restoreLoops(frame: FrameState, byFrame: ReadonlyMap<string, StepRecord[]>, version: CompiledVersion, into: LoopRun[] = []): LoopRun[] {
  for (const [nodeId, p] of frame.progress) {
    if (p.status !== 'running' || !version.frames.bodies.has(nodeId)) continue;
    const started = (byFrame.get(frame.key) ?? []).find((r) => r.nodeId === nodeId && r.attempt === p.attempt);
    if (!started) continue;
    const loop = newLoopRun(frame, started, version);
    into.push(loop);
    const seen = new Map<number, StepRecord[]>();
    let highest = -1;
    for (const [key, records] of byFrame) {
      const index = iterationIndex(key, frame.key, nodeId);
      if (index === undefined) continue;
      seen.set(index, records);
      highest = Math.max(highest, index);
    }
    for (let i = 0; i <= highest; i++) {
      const records = seen.get(i) ?? [];
      const done = records.find((r) => r.nodeId === nodeId);
      if (done) {
        loop.results.set(i, { status: done.status === 'failed' ? 'failed' : 'succeeded', output: done.output, error: done.error, dropped: done.detail?.dropped === true });
        if (done.status === 'failed' && !loop.collectFailures) loop.failure ??= { index: i, error: done.error ?? { code: 'step_failed', message: 'An item failed.' } };
      } else {
        restoreLoops(startIteration(loop, i, version, records), byFrame, version, into);
      }
    }
    loop.next = highest + 1;
  }
  return into;
}
