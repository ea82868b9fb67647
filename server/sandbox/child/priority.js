// Lowers the CPU priority of the whole sandbox process, as the supervisor asked (SANDBOX_NICE):
// user code then yields to the server's own work on a busy machine. Every thread Node has started
// by now is set, and the ones started later (by this main thread) inherit the value. Without
// /proc the process as a whole is set (0 names it).
import { lowerThreads, threadIds } from '../../lib/thread-priority.js';

/** @param {number | undefined} target the nice value to run at; nothing to do when absent */
export function lowerPriority(target) {
  if (!target) return;
  const ids = threadIds();
  lowerThreads(ids.length ? ids : [0], target);
}
