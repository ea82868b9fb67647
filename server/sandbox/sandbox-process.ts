import { fork } from 'node:child_process';
import { getPriority } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseChildMessage, type BatchMessage, type ChildConfig, type DoneMessage, type RunMessage, type StoreReplyMessage } from './child-protocol.js';
import type { CrashReason, SandboxEvent, SandboxStoreHandler } from './sandbox-types.js';

// Plain JS so the same file runs from the source tree (vitest) and from dist/ (tsc emits it).
// This module is found next to it (sandbox/), or, inside the server's single-file bundle
// (dist/server/switchyard.cjs and its sy-chunk-*.cjs, which load much faster than hundreds of
// modules), one level up.
const CHILD_ENTRY = [new URL('./sandbox-child.js', import.meta.url), new URL('./sandbox/sandbox-child.js', import.meta.url)].map((u) => fileURLToPath(u)).find((path) => existsSync(path)) as string;

// What V8 prints when a heap cannot grow; the process then aborts or hangs, never recovers.
const OUT_OF_MEMORY = /Last few GCs|JavaScript heap out of memory|Fatal process out of memory|Fatal JavaScript out of memory|FATAL ERROR/;

/**
 * How a call on a child ended: its reply, the process going away under it, or (for a call
 * queued behind it in the same batch) the process going away before the call started.
 */
export type ProcessReply = { kind: 'done'; done: DoneMessage } | { kind: 'crashed'; reason: CrashReason; detail: string } | { kind: 'not_started' };

/** One call handed to a child; `store` answers its data store requests (code steps). */
export interface ProcessCall {
  message: RunMessage;
  timeoutMs: number;
  store: SandboxStoreHandler | undefined;
  resolve: (reply: ProcessReply) => void;
}

/**
 * One supervised child process hosting isolates. It runs one call at a time, in the order
 * given; several calls can go down in one message (one round trip's worth of IPC for a batch).
 */
export interface SandboxProcess {
  readonly pid: number | undefined;
  /** Started (said it is ready) and not dead. */
  readonly ready: boolean;
  /** Started and not running a call. */
  readonly idle: boolean;
  /** Calls sent and waiting behind the running one. */
  readonly waiting: number;
  /** Whether the call with this id is running (or ran) here, rather than waiting its turn. */
  hasStarted(id: number): boolean;
  /** Sends the calls in one message; each call's `resolve` is called once. Only on an idle process. */
  run(calls: ProcessCall[]): void;
  /** Kills the process (its isolates hold nothing worth a graceful stop). */
  stop(): Promise<void>;
}

export interface SandboxProcessOptions {
  config: ChildConfig;
  /** Time past a call's own timeout before the process counts as hung and is killed. */
  graceMs: number;
  /** How much to raise the process's nice value above the server's (0: left as it is). */
  nice: number;
  /** The process can take a call (after starting, and after each call). */
  onIdle: () => void;
  /** The process is gone; `wasReady` is false when it died while starting. */
  onExit: (info: { wasReady: boolean; reason: CrashReason | undefined; stderr: string }) => void;
  onEvent?: ((event: SandboxEvent) => void) | undefined;
}

/** The environment of a child: nothing of the server's (secrets stay out of reach), but its time zone. */
function childEnv(): NodeJS.ProcessEnv {
  return process.env.TZ ? { TZ: process.env.TZ } : {};
}

/** Forks a sandbox child and supervises it: a watchdog per call, out-of-memory detection, exit. */
export function startSandboxProcess(options: SandboxProcessOptions): SandboxProcess {
  const { config, graceMs, nice, onIdle, onExit, onEvent } = options;
  // The child lowers its own threads' priority as it starts (child/priority.js): only it can
  // reach the threads Node has started by then.
  const childConfig: ChildConfig = nice > 0 ? { ...config, nice: Math.min(19, getPriority() + nice) } : config;
  const child = fork(CHILD_ENTRY, [JSON.stringify(childConfig)], {
    execArgv: ['--no-node-snapshot'],
    env: childEnv(),
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json',
  });
  const pid = child.pid;
  let ready = false;
  let dead = false;
  let killReason: CrashReason | undefined;
  let stderr = '';
  // The calls sent and not answered, in the order the child runs them: the first is running.
  let outstanding: ProcessCall[] = [];
  let watchdog: NodeJS.Timeout | undefined;
  // The isolate enforces each call's timeout; this is for a process that cannot answer at all.
  // It covers the running call: armed when a call starts, re-armed as each one ends.
  const armWatchdog = () => {
    if (watchdog) clearTimeout(watchdog);
    const running = outstanding[0];
    watchdog = running ? setTimeout(() => kill('unresponsive'), running.timeoutMs + graceMs) : undefined;
  };

  /** Relays a data store call of the running code to its handler and sends the reply back down. */
  const answerStore = (m: { id: number; seq: number; op: string; args: string }) => {
    const handler = outstanding.find((c) => c.message.id === m.id)?.store;
    const reply = handler ? handler(m.op, m.args) : Promise.resolve(JSON.stringify({ ok: false, message: 'the data store is not available here.' }));
    void reply
      .catch(() => JSON.stringify({ ok: false, message: 'the data store failed; see the server log.' }))
      .then((text) => {
        const out: StoreReplyMessage = { t: 'store-reply', seq: m.seq, reply: text };
        if (!dead && child.connected) child.send(out, () => undefined);
      });
  };

  const kill = (reason: CrashReason) => {
    if (dead) return;
    killReason ??= reason;
    child.kill('SIGKILL');
  };

  const exited = (code: number | null, signal: NodeJS.Signals | null) => {
    if (dead) return;
    dead = true;
    const wasReady = ready;
    ready = false;
    const reason = killReason ?? (OUT_OF_MEMORY.test(stderr) ? 'out_of_memory' : 'exited');
    if (watchdog) clearTimeout(watchdog);
    const [running, ...notStarted] = outstanding;
    outstanding = [];
    // Only the running call is answered with the crash; the ones behind it never started.
    running?.resolve({ kind: 'crashed', reason, detail: signal ? `signal ${signal}` : `exit code ${code}` });
    for (const call of notStarted) call.resolve({ kind: 'not_started' });
    onEvent?.({ type: 'exited', pid, code, signal, reason: killReason, stderr });
    onExit({ wasReady, reason: killReason, stderr });
  };

  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    stderr = (stderr + text).slice(-4_096);
    onEvent?.({ type: 'stderr', pid, text });
    if (OUT_OF_MEMORY.test(stderr)) kill('out_of_memory');
  });
  child.on('message', (raw: unknown) => {
    const m = parseChildMessage(raw);
    if (!m) return kill('exited'); // a child that says nonsense is not trusted further
    if (m.t === 'ready') {
      ready = true;
      onEvent?.({ type: 'started', pid });
      return onIdle();
    }
    if (m.t === 'store') return answerStore(m);
    const at = outstanding.findIndex((c) => c.message.id === m.id);
    if (at < 0) return;
    const [call] = outstanding.splice(at, 1);
    armWatchdog();
    call?.resolve({ kind: 'done', done: m });
    if (outstanding.length === 0) onIdle();
  });
  child.on('error', () => (child.pid === undefined ? exited(null, null) : kill('exited')));
  // 'close' rather than 'exit': by then stderr has been read, so an abort on out-of-memory is recognised.
  child.on('close', exited);

  return {
    pid,
    get ready() {
      return ready && !dead;
    },
    get waiting() {
      return Math.max(0, outstanding.length - 1);
    },
    hasStarted(id) {
      const at = outstanding.findIndex((c) => c.message.id === id);
      return at <= 0;
    },
    get idle() {
      return ready && !dead && outstanding.length === 0;
    },
    run(calls) {
      if (!ready || dead || outstanding.length) {
        for (const call of calls) call.resolve({ kind: 'not_started' });
        return;
      }
      outstanding = [...calls];
      armWatchdog();
      const message: RunMessage | BatchMessage = calls.length === 1 ? (calls[0] as ProcessCall).message : { t: 'batch', calls: calls.map((c) => c.message) };
      try {
        child.send(message, (err) => {
          if (err) kill('exited');
        });
      } catch {
        kill('exited'); // the channel closed under us; the exit handler answers the calls
      }
    },
    stop() {
      if (dead) return Promise.resolve();
      return new Promise<void>((resolve) => {
        child.once('close', () => resolve());
        kill('closed');
      });
    },
  };
}
