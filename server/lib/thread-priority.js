// The nice value of a process's threads, one by one. Linux keeps a nice value per thread, and a
// new thread inherits its creator's; setPriority on a thread id sets that thread alone. Plain JS:
// the sandbox child (child/priority.js) runs it as it is, and the server (helper-thread-priority.ts)
// through its build.
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The ids of this process's threads, as Linux names them; empty where /proc is not there. */
export function threadIds() {
  try {
    return readdirSync('/proc/self/task').map(Number);
  } catch {
    return [];
  }
}

/**
 * Sets each of `ids` to the nice value `target` unless it is already that low (a lower priority
 * is never raised back). Returns how many were lowered.
 * @param {readonly number[]} ids
 * @param {number} target
 */
export function lowerThreads(ids, target) {
  let lowered = 0;
  for (const id of ids) {
    try {
      if (getPriority(id) < target) {
        setPriority(id, target);
        lowered++;
      }
    } catch {
      // The thread ended meanwhile, or the system refused: it keeps its priority.
    }
  }
  return lowered;
}
