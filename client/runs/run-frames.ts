import type { Step } from '../api/types.js';

/**
 * Reading loop frames and flow-control details out of run data. Pure, so the run view's
 * wording and navigation are unit-tested.
 */

/** One level of a frame key: item `index` of loop `loopId`, and the frame key up to it. */
export interface FrameCrumb {
  loopId: string;
  index: number;
  frame: string;
}

const PART = /^([A-Za-z_][A-Za-z0-9_-]*):(\d+)$/;

/** `outer:1/inner:0` -> [{outer, 1, 'outer:1'}, {inner, 0, 'outer:1/inner:0'}]; '' -> []. */
export function frameCrumbs(frame: string): FrameCrumb[] {
  if (!frame) return [];
  const crumbs: FrameCrumb[] = [];
  for (const part of frame.split('/')) {
    const m = PART.exec(part);
    if (!m) return [];
    const prev = crumbs[crumbs.length - 1]?.frame;
    crumbs.push({ loopId: m[1] as string, index: Number(m[2]), frame: prev ? `${prev}/${part}` : part });
  }
  return crumbs;
}

/** The frame of item `index` of loop `loopId`, which itself runs in `parent`. */
export const itemFrame = (parent: string, loopId: string, index: number): string => `${parent ? `${parent}/` : ''}${loopId}:${index}`;

/** The frame a frame's loop runs in: `outer:1/inner:0` -> `outer:1`. */
export const parentFrame = (frame: string): string => frame.split('/').slice(0, -1).join('/');

const asRecord = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The detail the latest attempt of a step recorded (a loop's counts, a sub-workflow's child run). */
export function latestDetail(step: Step): Record<string, unknown> | undefined {
  const last = step.attempts[step.attempts.length - 1];
  return asRecord(last?.detail);
}

/** A loop step's counts: `total` as soon as it starts; the rest once it has finished. */
export interface LoopCounts {
  total?: number;
  succeeded?: number;
  failed?: number;
  dropped?: number;
}

export function loopCounts(step: Step): LoopCounts {
  const d = latestDetail(step);
  const total = num(d?.total) ?? (Array.isArray(step.output) && step.status === 'running' ? step.output.length : undefined);
  const out: LoopCounts = {};
  if (total !== undefined) out.total = total;
  for (const k of ['succeeded', 'failed', 'dropped'] as const) {
    const v = num(d?.[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** "3 of 5 items done · 1 failed · 1 dropped": what a loop step shows, finished or in progress. */
export function loopProgressText(c: LoopCounts & { done?: number }, running: boolean): string {
  const total = c.total;
  if (total === undefined) return running ? 'Working out the items…' : 'No items recorded.';
  const done = c.done ?? (c.succeeded ?? 0) + (c.failed ?? 0) + (c.dropped ?? 0);
  const parts = [`${Math.min(done, total)} of ${total} item${total === 1 ? '' : 's'} ${running ? 'done' : 'ran'}`];
  if (c.failed) parts.push(`${c.failed} failed`);
  if (c.dropped) parts.push(`${c.dropped} dropped`);
  return parts.join(' · ');
}

/** The run a sub-workflow step started: from its output (`runId`), detail or error (`childRunId`). */
export function childRunIdOf(step: Step): string | undefined {
  const candidates = [asRecord(step.output)?.runId, latestDetail(step)?.childRunId, asRecord(step.error)?.childRunId];
  for (const c of candidates) if (typeof c === 'string' && c !== '') return c;
  return undefined;
}

/** The runs that can still be cancelled: not yet ended. */
export const isCancellable = (status: string): boolean => status === 'queued' || status === 'waiting' || status === 'running';
