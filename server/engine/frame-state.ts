import { edgeOutput } from '../../shared/graph/graph-index.js';
import { buildStepScope } from './step-scope.js';
import type { StepRecord } from './records.js';
import type { CompiledFrame } from './compiled-version.js';
import { applyRecord, progressFrom, type RunProgressState } from './run-progress.js';
import type { StepScope } from './step-types.js';

/**
 * One live frame of a run: the top level, or one item of a loop (whose steps are stored
 * under the frame's key, see shared/graph/frames.ts). Frames nest; a step sees the outputs
 * of its own frame and of every frame around it.
 */
export interface FrameState extends RunProgressState {
  /** '' for the top level, `loop:3` for item 3 of loop "loop", `outer:1/inner:0` nested. */
  key: string;
  frame: CompiledFrame;
  parent?: FrameState;
  /** What the frame's entry hands on: the trigger data at the top level, the item in a loop body. */
  entryInput: unknown;
  /** What `steps.<entry>` reads inside the frame: the trigger data, or `{item, index, total}` in a loop body. */
  entryOutput: unknown;
  /** When a loop item's frame started, for its record. */
  startedAt?: number;
}

/** The key of item `index` of `loopId` running inside the frame `parentKey`. */
export const iterationKey = (parentKey: string, loopId: string, index: number): string => `${parentKey ? `${parentKey}/` : ''}${loopId}:${index}`;

/** The item index when `key` is an iteration of `loopId` directly inside `parentKey`, else undefined. */
export function iterationIndex(key: string, parentKey: string, loopId: string): number | undefined {
  const prefix = `${parentKey ? `${parentKey}/` : ''}${loopId}:`;
  if (!key.startsWith(prefix)) return undefined;
  const rest = key.slice(prefix.length);
  return /^\d+$/.test(rest) ? Number(rest) : undefined;
}

/** A frame with the progress its stored records give. */
export function frameFrom(key: string, frame: CompiledFrame, records: readonly StepRecord[], entry: { input: unknown; output: unknown }, parent?: FrameState): FrameState {
  return { key, frame, parent, entryInput: entry.input, entryOutput: entry.output, ...progressFrom(records) };
}

/** Records one attempt in its frame's progress. */
export function applyToFrame(frame: FrameState, record: StepRecord): void {
  applyRecord(frame, record);
}

/** The data a step in this frame sees: outputs of its own frame over those of the frames around it. */
export function scopeIn(frame: FrameState, nodeId: string, trigger: StepScope['trigger']): StepScope {
  const chain: FrameState[] = [];
  for (let f: FrameState | undefined = frame; f; f = f.parent) chain.unshift(f);
  const visible = new Map<string, unknown>();
  for (const f of chain) {
    visible.set(f.frame.entryId, f.entryOutput);
    for (const [id, out] of f.outputs) visible.set(id, out);
  }
  return buildStepScope(frame.frame.graph, nodeId, trigger, frame.frame.entryId, frame.entryInput, visible, frame.progress);
}

/** Every incoming edge of `nodeId` that was taken, with the output it carries, in edge order. */
export function takenInputs(frame: FrameState, nodeId: string, scope: StepScope): { from: string; output: unknown; input: number }[] {
  const out: { from: string; output: unknown; input: number }[] = [];
  (frame.frame.graph.incoming.get(nodeId) ?? []).forEach((e, input) => {
    if (e.source === frame.frame.entryId) out.push({ from: e.source, output: frame.entryInput, input });
    else {
      const p = frame.progress.get(e.source);
      if ((p?.status === 'succeeded' || p?.status === 'failed') && (p.ports ?? []).includes(edgeOutput(e))) out.push({ from: e.source, output: scope.steps[e.source], input });
    }
  });
  return out;
}
