import { scopeNeededBy } from './scope-needs.js';
import { codeResult, expressionsResult, type ChildConfig, type RunMessage } from './child-protocol.js';
import { encodeScope, resolveLimits, resolvePoolOptions } from './sandbox-limits.js';
import { startSandboxProcess, type ProcessReply, type SandboxProcess } from './sandbox-process.js';
import type { CrashReason, ExpressionResult, SandboxError, SandboxLimits, SandboxPool, SandboxPoolOptions, SandboxResult, SandboxStoreHandler } from './sandbox-types.js';
import { createSyntaxMemo } from './syntax-memo.js';

type Reply = Exclude<ProcessReply, { kind: 'not_started' }> | { kind: 'not_run'; error: SandboxError };

/** Most calls sent to a child in one message. */
const MAX_BATCH = 8;

interface Job {
  message: RunMessage;
  store: SandboxStoreHandler | undefined;
  limits: SandboxLimits;
  resolve: (reply: Reply) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
  /** The process it was sent to, until it is answered (it may wait there behind others of its batch). */
  sentTo?: SandboxProcess | undefined;
  /** Answered `cancelled`: dropped if it comes back unstarted, and its late reply is ignored. */
  cancelled?: boolean;
}

/** A crash as an error a person can act on; `detail` says how the process ended. */
function crashError(reason: CrashReason, detail: string, limits: SandboxLimits): SandboxError {
  const error = (message: string): SandboxError => ({ code: 'sandbox_crashed', reason, message });
  switch (reason) {
    case 'out_of_memory':
      return error(
        `The code ran out of memory (limit ${limits.memoryMb} MB) in a way V8 cannot recover from, which crashed its sandbox process; the process was restarted. Use less memory, or handle the data in smaller pieces.`,
      );
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
 * A pool of child processes that run user code and expressions in isolated-vm isolates. The
 * processes start when a call first needs one (a server whose workflows have no code step
 * never starts them) and stop after `idleStopMs` without calls. A child that dies (V8 aborts
 * a process on some out-of-memory paths) or hangs is replaced; its call fails with
 * `sandbox_crashed`, every other call carries on.
 */
export function createSandboxPool(options: SandboxPoolOptions = {}): SandboxPool {
  const o = resolvePoolOptions(options);
  const config: ChildConfig = { maxOutputBytes: o.maxOutputBytes, maxDepth: o.maxDepth, maxLogLines: o.maxLogLines, maxLogBytes: o.maxLogBytes };
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
  /** No process starts before this time (back-off after processes that die while starting). */
  let spawnNotBefore = 0;
  let spawnTimer: NodeJS.Timeout | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let pumpScheduled = false;

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
      nice: o.nice,
      onEvent: o.onEvent,
      onIdle: () => {
        startFailures = 0; // a process that started (or finished a call) proves the install works
        pump();
      },
      onExit: ({ wasReady, stderr, reason }) => {
        if (processes[index] === proc) processes[index] = undefined;
        if (closed || reason === 'closed') return; // stopped on purpose: closing, or idle
        restarts += 1;
        startFailures = wasReady ? 0 : startFailures + 1;
        lastStderr = stderr.trim().split('\n').slice(-3).join(' ').slice(0, 300);
        // A child that cannot even start (broken install): stop queuing behind it, back off.
        if (startFailures >= 3 && !processes.some((p) => p?.idle)) failQueued({ kind: 'crashed', reason: 'unavailable', detail: lastStderr });
        spawnNotBefore = Date.now() + (startFailures ? Math.min(5_000, 100 * 2 ** startFailures) : 0);
        // A process that died under load is replaced at once, not when the next call finds it missing.
        if (busy > 0 || queue.length > 0 || wasReady) respawnSoon(index);
      },
    });
    processes[index] = proc;
  }

  function respawnSoon(index: number): void {
    const wait = spawnNotBefore - Date.now();
    if (wait <= 0) return spawn(index);
    setTimeout(() => {
      if (!closed && !processes[index]) spawn(index);
    }, wait).unref();
  }

  /** Starts one more process when calls wait and every live one is busy or starting. */
  function growIfNeeded(): void {
    if (closed || queue.length === 0 || processes.some((p) => p?.idle)) return;
    const starting = processes.filter((p) => p && !p.ready).length;
    if (starting >= queue.length) return;
    let free = -1;
    for (let i = 0; i < o.size; i++) {
      if (!processes[i]) {
        free = i;
        break;
      }
    }
    if (free < 0) return;
    const wait = spawnNotBefore - Date.now();
    if (wait <= 0) return spawn(free);
    spawnTimer ??= setTimeout(() => {
      spawnTimer = undefined;
      growIfNeeded();
    }, wait);
    spawnTimer.unref();
  }

  /** After `idleStopMs` with nothing running or waiting, the processes stop; the next call starts them again. */
  function armIdleStop(): void {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = undefined;
    if (closed || o.idleStopMs <= 0 || busy > 0 || queue.length > 0) return;
    idleTimer = setTimeout(() => {
      idleTimer = undefined;
      if (busy > 0 || queue.length > 0) return;
      for (let i = 0; i < processes.length; i++) {
        const proc = processes[i];
        processes[i] = undefined;
        void proc?.stop();
      }
    }, o.idleStopMs);
    idleTimer.unref();
  }

  /** How a call sent to a process ended; one that never started goes back to the front of the queue. */
  function answered(job: Job, reply: ProcessReply): void {
    busy -= 1;
    job.sentTo = undefined;
    if (reply.kind === 'not_started' && !closed && !job.cancelled) {
      calls -= 1;
      queue.unshift(job);
      queueMicrotask(pump);
    } else {
      job.signal?.removeEventListener('abort', job.onAbort);
      job.resolve(reply.kind === 'not_started' ? { kind: 'crashed', reason: 'closed', detail: '' } : reply);
    }
    armIdleStop();
  }

  /**
   * The next calls for one message: up to `most`, stopping before a call that may use the data
   * store (it goes alone: its store requests must not wait on others, and it is never sent
   * ahead of time, so a cancel before it starts keeps it from writing).
   */
  function takeBatch(most: number): Job[] {
    let n = 1;
    while (n < most && n < queue.length && !(queue[0] as Job).store && !(queue[n] as Job).store) n++;
    return queue.splice(0, n);
  }

  /**
   * Hands the queued calls to idle processes, several per message: a busy server then pays
   * one IPC message (and one wake-up of the child) for a batch rather than for each call.
   * The queue is shared out between the processes that could take work, so a batch never
   * keeps a call from a process that would be free for it.
   */
  function pump(): void {
    while (queue.length) {
      const proc = processes.find((p) => p?.idle);
      if (!proc) break;
      const takers = Math.max(1, o.size - processes.filter((p) => p && !p.idle).length);
      const jobs = takeBatch(Math.min(MAX_BATCH, Math.ceil(queue.length / takers)));
      busy += jobs.length;
      calls += jobs.length;
      for (const job of jobs) job.sentTo = proc;
      proc.run(jobs.map((job) => ({ message: job.message, timeoutMs: job.limits.timeoutMs, store: job.store, resolve: (reply: ProcessReply) => answered(job, reply) })));
    }
    growIfNeeded();
  }

  /**
   * Hands calls out once per event-loop turn, not as each arrives: the runs that one group
   * commit released all reach their code steps in the same turn, and their calls then share a
   * message (one write, one wake-up of the child) instead of one each.
   */
  function pumpSoon(): void {
    if (pumpScheduled) return;
    pumpScheduled = true;
    setImmediate(() => {
      pumpScheduled = false;
      pump();
    });
  }

  function submit(message: RunMessage, limits: SandboxLimits, signal: AbortSignal | undefined, store?: SandboxStoreHandler): Promise<Reply> {
    const cancelled: Reply = { kind: 'not_run', error: { code: 'cancelled', message: 'The run was cancelled before this code ran.' } };
    if (closed) return Promise.resolve({ kind: 'crashed', reason: 'closed', detail: '' });
    if (signal?.aborted) return Promise.resolve(cancelled);
    return new Promise((resolve) => {
      const job: Job = {
        message,
        store,
        limits,
        resolve,
        signal,
        onAbort: () => {
          // A call that started runs to its end; one still waiting (queued, or behind others of its batch) is dropped.
          if (job.sentTo?.hasStarted(message.id)) return;
          const at = queue.indexOf(job);
          if (at >= 0) queue.splice(at, 1);
          job.cancelled = true;
          resolve(cancelled);
        },
      };
      signal?.addEventListener('abort', job.onAbort, { once: true });
      queue.push(job);
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = undefined;
      pumpSoon();
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
      // Only code that names `store` runs bridged (asynchronously); other code keeps the synchronous run.
      const store = request.store && /\bstore\b/.test(request.code) ? request.store : undefined;
      const message: RunMessage = { t: 'run', id: nextId++, kind: 'code', code: request.code, scope: scope.json, ...limits, ...(store ? { store: true } : {}) };
      const reply = await submit(message, limits, request.signal, store);
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
      const processCount = processes.filter(Boolean).length;
      const waiting = queue.length + processes.reduce((n, p) => n + (p?.waiting ?? 0), 0);
      return { processes: processCount, restarts, busy, queued: waiting, calls, available: !closed && !(startFailures >= 3 && processCount === 0) };
    },

    async close() {
      closed = true;
      if (idleTimer) clearTimeout(idleTimer);
      if (spawnTimer) clearTimeout(spawnTimer);
      failQueued({ kind: 'crashed', reason: 'closed', detail: '' });
      await Promise.all(processes.map((p) => p?.stop()));
    },
  };
}
