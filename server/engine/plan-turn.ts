import type { StepError } from '../../shared/runs/run-status.js';
import { LOOP_ITEM_OUTPUT } from '../../shared/nodes/loop.node.js';
import { planRun } from './plan-run.js';
import type { FrameState } from './frame-state.js';
import { finalLoopRecord, iterationOutput, iterationRecord, loopIsDone, newLoopRun, startIteration, type IterationResult, type LoopRun } from './loop-runs.js';
import type { StepRecord } from './records.js';
import type { CompiledVersion } from './compiled-version.js';

/** A step to run now, in its frame. */
export interface Work {
  frame: FrameState;
  nodeId: string;
}

/** What one turn found: steps to run and times to wake, or the end of the run. */
export type Turn = { kind: 'work'; work: Work[]; waits: number[] } | { kind: 'finished'; status: 'succeeded' | 'failed'; failedNode?: string };

/**
 * Everything live in one run: the top-level frame, the loops in progress, and the records
 * made since the last commit. `record` is the one way state changes, so what is in memory
 * and what gets committed never drift apart.
 */
export interface RunFrames {
  runId: string;
  version: CompiledVersion;
  root: FrameState;
  loops: LoopRun[];
  record(frame: FrameState, r: StepRecord): void;
  /** The error of a step in a frame, for messages. */
  errorOf(frame: FrameState, nodeId: string): StepError | undefined;
}

/** Applies a record and, when it starts a loop, begins tracking the loop. */
export function trackLoopStart(frames: RunFrames, frame: FrameState, r: StepRecord): void {
  if (r.status === 'running' && frames.version.frames.bodies.has(r.nodeId)) frames.loops.push(newLoopRun(frame, r, frames.version));
}

const failureMessage = (frames: RunFrames, frame: FrameState, nodeId: string): StepError => {
  const label = frames.version.nodes.get(nodeId)?.label ?? nodeId;
  const cause = frames.errorOf(frame, nodeId);
  return { code: 'step_failed', message: `Step "${label}" failed${cause ? `: ${cause.message}` : '.'}`, nodeId, cause: cause?.code };
};

/** Ends one item of a loop, and when the loop stops on a failure, drops its other items in flight. */
function finishIteration(frames: RunFrames, frame: FrameState, failedNode: string | undefined, now: number): void {
  const loop = frames.loops.find((l) => [...l.active.values()].includes(frame));
  if (!loop) return;
  const index = [...loop.active].find(([, f]) => f === frame)?.[0] as number;
  const result: IterationResult = failedNode ? { status: 'failed', error: failureMessage(frames, frame, failedNode) } : { status: 'succeeded', ...iterationOutput(frame) };
  frames.record(frame, iterationRecord(loop, index, result, frame.startedAt ?? now, now));
  loop.results.set(index, result);
  loop.active.delete(index);
  if (result.status === 'failed' && !loop.collectFailures && !loop.failure) {
    loop.failure = { index, error: result.error as StepError };
    const dropped = [...loop.active.values()].map((f) => f.key);
    loop.active.clear();
    frames.loops = frames.loops.filter((l) => !dropped.some((k) => l.frame.key === k || l.frame.key.startsWith(`${k}/`)));
  }
}

/**
 * Plans every live frame until nothing changes: records skipped steps, closes finished items,
 * starts the next items up to each loop's concurrency, and ends loops whose items are all done
 * (which can make the next steps of their own frame ready). Returns the steps to run now.
 */
export function planTurn(frames: RunFrames, now: number): Turn {
  const { version, root } = frames;
  for (;;) {
    let changed = false;
    const work: Work[] = [];
    const waits: number[] = [];
    const live = [root, ...frames.loops.flatMap((l) => [...l.active.values()])];
    for (const frame of live) {
      const plan = planRun(frame.frame.graph, frame.frame.order, frame.frame.entryId, frame.progress, now, {
        entryPorts: frame === root ? undefined : [LOOP_ITEM_OUTPUT],
        firstArrival: version.firstArrival,
      });
      for (const id of plan.skip) frames.record(frame, { runId: frames.runId, frame: frame.key, nodeId: id, attempt: 1, status: 'skipped', startedAt: now, finishedAt: now });
      switch (plan.kind) {
        case 'run':
          for (const id of plan.ready) work.push({ frame, nodeId: id });
          break;
        case 'busy':
          if (plan.until !== undefined) waits.push(plan.until);
          break;
        case 'wait':
          waits.push(plan.until);
          break;
        case 'succeeded':
        case 'failed':
          if (frame === root) return plan.kind === 'failed' ? { kind: 'finished', status: 'failed', failedNode: plan.failedNode } : { kind: 'finished', status: 'succeeded' };
          finishIteration(frames, frame, plan.kind === 'failed' ? plan.failedNode : undefined, now);
          changed = true;
          break;
        default: {
          const unreachable: never = plan;
          return unreachable;
        }
      }
    }
    for (const loop of [...frames.loops]) {
      if (loopIsDone(loop)) {
        frames.loops = frames.loops.filter((l) => l !== loop);
        frames.record(loop.frame, finalLoopRecord(loop, version.nodes.get(loop.nodeId)?.onFailure, now));
        changed = true;
        continue;
      }
      while (loop.active.size < loop.concurrency && loop.next < loop.items.length) {
        startIteration(loop, loop.next, version, [], now);
        changed = true;
      }
    }
    if (!changed) return { kind: 'work', work, waits };
  }
}
