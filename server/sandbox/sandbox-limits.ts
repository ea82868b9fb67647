import type { StepScope } from '../runners/runner.js';
import type { SandboxError, SandboxLimits, SandboxPoolOptions } from './sandbox-types.js';

/** Limits of a step that sets none. */
export const DEFAULT_LIMITS: SandboxLimits = { memoryMb: 64, timeoutMs: 1_000 };

/** The allowed range of each limit; 128 MB is the most V8 contains reliably (see WEBHOOKS.md). */
export const LIMIT_RANGE = { memoryMb: { min: 8, max: 128 }, timeoutMs: { min: 10, max: 30_000 } } as const;

const clamp = (v: number | undefined, range: { min: number; max: number }, fallback: number): number =>
  v === undefined || !Number.isFinite(v) ? fallback : Math.min(range.max, Math.max(range.min, Math.round(v)));

/** Fills in defaults and clamps into range (the node schema already refuses values outside it). */
export function resolveLimits(limits: Partial<SandboxLimits> = {}): SandboxLimits {
  return {
    memoryMb: clamp(limits.memoryMb, LIMIT_RANGE.memoryMb, DEFAULT_LIMITS.memoryMb),
    timeoutMs: clamp(limits.timeoutMs, LIMIT_RANGE.timeoutMs, DEFAULT_LIMITS.timeoutMs),
  };
}

export type ResolvedPoolOptions = Required<Omit<SandboxPoolOptions, 'onEvent'>> & Pick<SandboxPoolOptions, 'onEvent'>;

/** Pool options with defaults. */
export function resolvePoolOptions(o: SandboxPoolOptions = {}): ResolvedPoolOptions {
  return {
    size: Math.max(1, Math.floor(o.size ?? 2)),
    maxInputBytes: o.maxInputBytes ?? 8 * 1024 * 1024,
    maxOutputBytes: o.maxOutputBytes ?? 4 * 1024 * 1024,
    maxDepth: o.maxDepth ?? 100,
    maxLogLines: o.maxLogLines ?? 200,
    maxLogBytes: o.maxLogBytes ?? 64 * 1024,
    graceMs: o.graceMs ?? 2_000,
    idleStopMs: Math.max(0, o.idleStopMs ?? 60_000),
    nice: Math.min(19, Math.max(0, Math.floor(o.nice ?? 10))),
    onEvent: o.onEvent,
  };
}

const mb = (n: number): string => (n / 1024 / 1024).toFixed(1).replace(/\.0$/, '');

/** True when objects and arrays nest deeper than `max` (iterative: a hostile depth cannot overflow our stack). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  // Two stacks side by side and a for-in walk: no array per object visited (every code step's scope is walked).
  const values: unknown[] = [value];
  const depths: number[] = [0];
  const push = (child: unknown, depth: number) => {
    if (child === null || typeof child !== 'object') return;
    values.push(child);
    depths.push(depth);
  };
  while (values.length) {
    const v = values.pop() as object;
    const depth = depths.pop() as number;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    if (Array.isArray(v)) for (const child of v) push(child, depth + 1);
    else for (const key in v) push((v as Record<string, unknown>)[key], depth + 1);
  }
  return false;
}

/**
 * The scope as JSON text for the child, or `input_too_large` when it would not fit. The
 * depth is checked first: a very deep object breaks JSON.stringify itself.
 */
export function encodeScope(scope: StepScope, caps: { maxInputBytes: number; maxDepth: number }): { ok: true; json: string } | { ok: false; error: SandboxError } {
  const data = { trigger: scope.trigger, input: scope.input, steps: scope.steps, vars: scope.vars ?? {}, run: scope.run ?? {} };
  // +2: the scope object and `steps` add two levels above the data a person sees.
  if (nestsDeeperThan(data, caps.maxDepth + 2)) {
    return {
      ok: false,
      error: { code: 'input_too_large', message: `The data this step reads is nested more than ${caps.maxDepth} levels deep; the sandbox does not copy it. Flatten it in an earlier step.` },
    };
  }
  let json: string;
  try {
    json = JSON.stringify(data) ?? 'null';
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { code: 'input_too_large', message: `The data this step reads cannot be copied into the sandbox as JSON (${why}).` } };
  }
  if (json.length > caps.maxInputBytes) {
    return {
      ok: false,
      error: {
        code: 'input_too_large',
        message: `The data this step reads (trigger, input and earlier steps) is ${mb(json.length)} MB as JSON; the sandbox copies at most ${mb(caps.maxInputBytes)} MB. Pass less data between steps.`,
      },
    };
  }
  return { ok: true, json };
}
