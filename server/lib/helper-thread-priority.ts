import { access } from 'node:fs/promises';
import { getPriority } from 'node:os';
import { lowerThreads, threadIds } from './thread-priority.js';

/**
 * The server's throughput is its main thread's: it answers the trigger requests, runs the
 * executor and owns the database connection. The process's other threads (V8's garbage
 * collection helpers, libuv's pool that runs the WAL's fsync, the WAL checkpoint thread) do
 * work that can wait a little. On a saturated machine of two cores they preempted the main
 * thread, which then waited for the CPU while it had work; a few nice steps below it, they
 * take what it leaves (docs/performance.md, "The server's helper threads at a lower priority").
 */

/**
 * Sets every thread of this process but the main one `steps` nice values below the main
 * thread (at most 19); a thread already as low is left alone. Linux keeps a nice value per
 * thread, and a thread inherits its creator's when it starts. Returns how many were lowered.
 */
export function lowerHelperThreads(steps: number): number {
  if (steps <= 0) return 0;
  return lowerThreads(
    threadIds().filter((id) => id !== process.pid),
    Math.min(19, getPriority() + steps),
  );
}

/** How often threads started since the last look are lowered too (a look is a directory read and a call per thread). */
const SWEEP_EVERY_MS = 5_000;

/**
 * Lowers the helper threads now and keeps them low: threads the main thread starts later
 * inherit its priority (the checkpoint thread starts once the WAL first grows, under the first
 * load), so they are looked for again every 5 s. libuv starts its pool on first use, which may
 * not have come yet: one small call (any file will do) starts it first, so that the first look
 * finds it. Returns a stop function.
 */
export async function keepHelperThreadsLow(steps: number): Promise<() => void> {
  if (steps <= 0 || !threadIds().length) return () => undefined;
  await access(process.cwd()).catch(() => undefined);
  lowerHelperThreads(steps);
  const timer = setInterval(() => lowerHelperThreads(steps), SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
