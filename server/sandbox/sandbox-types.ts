import type { StepScope } from '../runners/runner.js';

/** Per-call limits a person sets on a step. */
export interface SandboxLimits {
  /** Heap of the isolate, in MB (8 to 128). */
  memoryMb: number;
  /** Time the code may run, awaits included, in ms (10 to 30,000). */
  timeoutMs: number;
}

/**
 * How a sandbox call can fail. `syntax_error` and `code_error` are the user's code;
 * `timeout` and `memory_limit` its limits; `output_invalid` / `input_too_large` the data
 * crossing the boundary; `sandbox_crashed` the child process died or hung (it is restarted);
 * `cancelled` the caller's signal fired before the call started.
 */
export const sandboxErrorCodes = ['syntax_error', 'code_error', 'timeout', 'memory_limit', 'output_invalid', 'input_too_large', 'sandbox_crashed', 'cancelled'] as const;
export type SandboxErrorCode = (typeof sandboxErrorCodes)[number];

/** Why a sandbox process went away, on `sandbox_crashed`. */
export type CrashReason = 'out_of_memory' | 'unresponsive' | 'exited' | 'unavailable' | 'closed';

/** A failure as a value: `message` is a sentence a person can act on. */
export interface SandboxError {
  code: SandboxErrorCode;
  message: string;
  /** 1-based line and column in the user's code (code steps only). */
  line?: number;
  column?: number;
  /** Where in the returned value an `output_invalid` was found, e.g. "result.items[2].fn". */
  path?: string;
  reason?: CrashReason;
}

/** The outcome of a call: never thrown for anything the user's code does. */
export type SandboxResult<T> = { ok: true; value: T; logs: string[] } | { ok: false; error: SandboxError; logs: string[] };

/** One expression's outcome inside a successful `evaluate`. */
export type ExpressionResult = { ok: true; value: unknown } | { ok: false; error: SandboxError };

/**
 * Answers a data store call of user code (`store.get(...)` and friends): the operation and its
 * arguments as JSON text in, `{"ok":true,"value":...}` or `{"ok":false,"message":...}` out. It
 * must always resolve (a failure is a reply, not a rejection).
 */
export type SandboxStoreHandler = (op: string, args: string) => Promise<string>;

/** A code step: `code` is the body of an async function of `trigger`, `input`, `steps`. */
export interface RunCodeRequest {
  code: string;
  scope: StepScope;
  /** The data store for `store.*` in the code; without it those calls fail with a clear message. */
  store?: SandboxStoreHandler;
  limits?: Partial<SandboxLimits>;
  /** Drops the call if it fires while the call still waits for a free process. */
  signal?: AbortSignal;
}

/** A batch of expressions evaluated in one call, each against the same scope. */
export interface EvaluateRequest {
  expressions: readonly string[];
  scope: StepScope;
  limits?: Partial<SandboxLimits>;
  signal?: AbortSignal;
}

/** What the pool is doing, for /metrics and tests. */
export interface SandboxStats {
  /** Live child processes (starting or ready). */
  processes: number;
  /** Child processes started to replace one that died. */
  restarts: number;
  /** Calls running now. */
  busy: number;
  /** Calls waiting for a free process. */
  queued: number;
  /** Calls sent to a child process so far. */
  calls: number;
  /**
   * The pool can run calls: not closed, and its processes do not keep dying while starting.
   * True with no process alive too: processes start on the first call and stop when idle.
   */
  available: boolean;
}

/** Runs user code and expressions in supervised child processes that host the isolates. */
export interface SandboxPool {
  runCode(request: RunCodeRequest): Promise<SandboxResult<unknown>>;
  evaluate(request: EvaluateRequest): Promise<SandboxResult<ExpressionResult[]>>;
  stats(): SandboxStats;
  /** Stops every child process; calls still waiting fail with `sandbox_crashed` (reason `closed`). */
  close(): Promise<void>;
}

/** Something worth logging about the pool's processes. */
export type SandboxEvent =
  | { type: 'started'; pid: number | undefined }
  | { type: 'exited'; pid: number | undefined; code: number | null; signal: string | null; reason: CrashReason | undefined; stderr: string }
  | { type: 'stderr'; pid: number | undefined; text: string };

export interface SandboxPoolOptions {
  /** Most child processes (default 2), started as calls need them. Each runs one call at a time. */
  size?: number;
  /** Largest scope copied in, as JSON text length (default 8 MB). */
  maxInputBytes?: number;
  /** Largest value copied out, as JSON text length (default 4 MB). */
  maxOutputBytes?: number;
  /** Deepest nesting of objects and arrays, both ways (default 100). */
  maxDepth?: number;
  /** Console lines kept per call (default 200) and their total size (default 64 KB). */
  maxLogLines?: number;
  maxLogBytes?: number;
  /** Extra time past a call's timeout before its process is deemed hung and killed (default 2,000 ms). */
  graceMs?: number;
  /**
   * Time without calls after which the child processes stop (default 60,000 ms; 0 keeps them).
   * The next call starts them again, which costs it about a tenth of a second.
   */
  idleStopMs?: number;
  /**
   * How much lower the child processes' CPU priority is than the server's: their nice value is
   * the server's plus this (default 10, at most 19; 0 leaves them at the server's). User code
   * then waits for the server's own work on a busy machine rather than preempting it
   * (docs/performance.md, "Sandbox processes at a lower CPU priority").
   */
  nice?: number;
  onEvent?: (event: SandboxEvent) => void;
}
