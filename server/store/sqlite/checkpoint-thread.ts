import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CheckpointResult } from '../ports/maintenance.js';

/** SQLite's checkpoint modes the thread runs: PASSIVE copies without any lock a writer needs; RESTART and TRUNCATE take the write lock. */
export type CheckpointMode = 'PASSIVE' | 'RESTART' | 'TRUNCATE';

/** The checkpoint thread as the main thread sees it: requests in, results out, and its end. */
export interface CheckpointThread {
  /** Runs one checkpoint in the thread; rejects on a SQLite error, a timeout or the thread's end. */
  run(mode: CheckpointMode, timeoutMs: number): Promise<CheckpointResult>;
  /** Closes the thread's connection and waits for the thread to end. */
  close(): Promise<void>;
}

type Reply = { id: number; error?: string; closed?: true } & Partial<CheckpointResult>;

// Plain JS so the same file runs from the source tree (vitest) and from dist/ (tsc emits it); inside
// the server's single-file bundle (dist/server/switchyard.cjs) it is found under store/sqlite/.
const THREAD_ENTRY = [new URL('./wal-checkpoint-thread.js', import.meta.url), new URL('./store/sqlite/wal-checkpoint-thread.js', import.meta.url)]
  .map((u) => fileURLToPath(u))
  .find((path) => existsSync(path));

/**
 * Starts the checkpoint thread on `file`. `onEnd` is told once if the thread goes away by itself
 * (it crashed, or its connection failed to open): every pending request is rejected first, so
 * nothing waits for an answer that will not come. `entry` is the thread's script (tests: one that dies).
 */
export function startCheckpointThread(file: string, onEnd: (reason: Error) => void, entry = THREAD_ENTRY): CheckpointThread {
  if (!entry) throw new Error('wal-checkpoint-thread.js is missing beside checkpoint-thread');
  const worker = new Worker(entry, { workerData: { file }, stdout: false, stderr: false });
  // The thread never keeps the process alive: the server's own close ends it.
  worker.unref();
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  let nextId = 1;
  let ended: Error | undefined;
  let closing = false;

  const end = (reason: Error) => {
    if (ended) return;
    ended = reason;
    for (const p of pending.values()) {
      clearTimeout(p.timer);
      p.reject(reason);
    }
    pending.clear();
    if (!closing) onEnd(reason);
  };
  worker.on('message', (reply: Reply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    clearTimeout(p.timer);
    p.resolve(reply);
  });
  worker.on('error', (err) => end(err));
  worker.on('exit', (code) => end(new Error(`the checkpoint thread exited (code ${code})`)));

  const ask = (message: object, timeoutMs: number) =>
    new Promise<Reply>((resolve, reject) => {
      if (ended) return reject(ended);
      const id = nextId++;
      const timer = setTimeout(() => {
        // A thread that does not answer is stuck (a disk that hangs): stop counting on it.
        void worker.terminate();
        end(new Error(`the checkpoint thread did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, ...message });
    });

  return {
    async run(mode, timeoutMs) {
      const reply = await ask({ mode }, timeoutMs);
      if (reply.error !== undefined) throw new Error(reply.error);
      return { busy: reply.busy === true, walPages: reply.walPages ?? 0, checkpointedPages: reply.checkpointedPages ?? 0 };
    },
    async close() {
      closing = true;
      if (ended) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      await ask({ close: true }, 5000).catch(() => worker.terminate());
      await exited;
    },
  };
}
