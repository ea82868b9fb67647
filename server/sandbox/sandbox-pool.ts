import { scopeNeededBy } from './scope-needs.js';
import { codeResult, expressionsResult, type ChildConfig, type RunMessage } from './child-protocol.js';
import { encodeScope, resolveLimits, resolvePoolOptions } from './sandbox-limits.js';
import { startSandboxProcess, type ProcessReply, type SandboxProcess } from './sandbox-process.js';
import type { CrashReason, ExpressionResult, SandboxError, SandboxLimits, SandboxPool, SandboxPoolOptions, SandboxResult } from './sandbox-types.js';
import { createSyntaxMemo } from './syntax-memo.js';

type Reply = ProcessReply | { kind: 'not_run'; error: SandboxError };

interface Job {
  message: RunMessage;
  limits: SandboxLimits;
  resolve: (reply: Reply) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/** A crash as an error a person can act on; `detail` says how the process ended. */
function crashError(reason: CrashReason, detail: string, limits: SandboxLimits): SandboxError {
  const error = (message: string): SandboxError => ({ code: 'sandbox_crashed', reason, message });
  switch (reason) {
    case 'out_of_memory':
      return error(`The code ran out of memory (limit ${limits.memoryMb} MB) in a way V8 cannot recover from, which crashed its sandbox process; the process was restarted. Use less memory, or handle the data in smaller pieces.`);
    case 'unresponsive':
      return error(`The sandbox process stopped responding well past the ${limits.timeoutMs} ms time limit and was restarted.`);
    case 'exited':
      return error(`The sandbox process exited unexpectedly (${detail}) while running this code; it was restarted.`);
    case 'unavailable':
      return error(`The sandbox processes cannot start (${detail || 'they exit while starting'}); check the server log.`);
    case 'closed':
      return error('The sandbox was shut down before this code finished.');
    default: {
      const never: never = reason;
      return never;
    }
  }
}

/**
 * Starts a pool of child processes that run user code and expressions in isolated-vm
 * isolates. A child that dies (V8 aborts a process on some out-of-memory paths) or hangs is
 * replaced; its call fails with `sandbox_crashed`, every other call carries on.
 */
export function createSandboxPool(options: SandboxPoolOptions = {}): SandboxPool {
  const o = resolvePoolOptions(options);
  const config: ChildConfig = { maxOutputBytes: o.maxOutputBytes, maxDepth: o.maxDepth, maxLogLines: o.maxLogLines, maxLogBytes: o.maxLogBytes, spares: o.spares };
  const processes: Array<SandboxProcess | undefined> = [];
  const queue: Job[] = [];
  const checkSyntax = createSyntaxMemo();
  let restarts = 0;
  let calls = 0;
  let busy = 0;
  let nextId = 1;
  let closed = false;
  let startFailures = 0;
  let lastStderr = '';

  const failQueued = (reply: Reply) => {
    for (const job of queue.splice(0)) {
      job.signal?.removeEventListener('abort', job.onAbort);
      job.resolve(reply);
    }
  };

  function spawn(index: number): void {
    const proc = startSandboxProcess({
      config,
      graceMs: o.graceMs,
      onEvent: o.onEvent,
      onIdle: pump,
      onExit: ({ wasReady, stderr }) => {
        if (processes[index] === proc) processes[index] = undefined;
        if (closed) return;
        restarts += 1;
        startFailures = wasReady ? 0 : startFailures + 1;
        lastStderr = stderr.trim().split('\n').slice(-3).join(' ').slice(0, 300);
        // A child that cannot even start (broken install): stop queuing behind it, back off.
        if (startFailures >= 3 && !processes.some((p) => p?.idle)) failQueued({ kind: 'crashed', reason: 'unavailable', detail: lastStderr });
        const delay = startFailures ? Math.min(5_000, 100 * 2 ** startFailures) : 0;
        setTimeout(() => {
          if (!closed) spawn(index);
        }, delay).unref();
      },
    });
    processes[index] = proc;
  }
  for (let i = 0; i < o.size; i++) spawn(i);

  function pump(): void {
    while (queue.length) {
      const proc = processes.find((p) => p?.idle);
      if (!proc) return;
      const job = queue.shift() as Job;
      job.signal?.removeEventListener('abort', job.onAbort);
      busy += 1;
      calls += 1;
      void proc.run(job.message, job.limits.timeoutMs).then((reply) => {
        busy -= 1;
        job.resolve(reply);
      });
    }
  }

  function submit(message: RunMessage, limits: SandboxLimits, signal: AbortSignal | undefined): Promise<Reply> {
    const cancelled: Reply = { kind: 'not_run', error: { code: 'cancelled', message: 'The run was cancelled before this code ran.' } };
    if (closed) return Promise.resolve({ kind: 'crashed', reason: 'closed', detail: '' });
    if (signal?.aborted) return Promise.resolve(cancelled);
    return new Promise((resolve) => {
      const job: Job = {
        message,
        limits,
        resolve,
        signal,
        onAbort: () => {
          const at = queue.indexOf(job);
          if (at >= 0) queue.splice(at, 1);
          resolve(cancelled);
        },
      };
      signal?.addEventListener('abort', job.onAbort, { once: true });
      queue.push(job);
      pump();
    });
  }

  const failed = (reply: Exclude<Reply, { kind: 'done' }>, limits: SandboxLimits): { ok: false; error: SandboxError; logs: string[] } => ({
    ok: false,
    error: reply.kind === 'not_run' ? reply.error : crashError(reply.reason, reply.detail, limits),
    logs: [],
  });

  return {
    async runCode(request) {
      const limits = resolveLimits(request.limits);
      const scope = encodeScope(scopeNeededBy([request.code], request.scope), o);
      if (!scope.ok) return { ok: false, error: scope.error, logs: [] };
      const reply = await submit({ t: 'run', id: nextId++, kind: 'code', code: request.code, scope: scope.json, ...limits }, limits, request.signal);
      return reply.kind === 'done' ? codeResult(reply.done) : failed(reply, limits);
    },

    async evaluate(request) {
      const limits = resolveLimits(request.limits);
      // Checked here, with a real parser, because the child splices each expression into a
      // script: only a single well-formed expression may go there.
      const results: Array<ExpressionResult | undefined> = request.expressions.map((expr) => {
        const problem = checkSyntax(expr);
        return problem ? { ok: false, error: { code: 'syntax_error', message: `SyntaxError: ${problem}` } } : undefined;
      });
      const valid = request.expressions.filter((_, i) => results[i] === undefined);
      if (valid.length === 0) return { ok: true, value: results as ExpressionResult[], logs: [] };
      const scope = encodeScope(scopeNeededBy(valid, request.scope), o);
      if (!scope.ok) return { ok: false, error: scope.error, logs: [] };
      const reply = await submit({ t: 'run', id: nextId++, kind: 'expressions', expressions: valid, scope: scope.json, ...limits }, limits, request.signal);
      if (reply.kind !== 'done') return failed(reply, limits);
      const batch: SandboxResult<ExpressionResult[]> = expressionsResult(reply.done, valid.length);
      if (!batch.ok) return batch;
      let next = 0;
      return { ok: true, value: results.map((r) => r ?? (batch.value[next++] as ExpressionResult)), logs: batch.logs };
    },

    stats() {
      return { processes: processes.filter(Boolean).length, restarts, busy, queued: queue.length, calls };
    },

    async close() {
      closed = true;
      failQueued({ kind: 'crashed', reason: 'closed', detail: '' });
      await Promise.all(processes.map((p) => p?.stop()));
    },
  };
}
