// Lowers the CPU priority of the whole sandbox process, as the supervisor asked (SANDBOX_NICE):
// user code then yields to the server's own work on a busy machine. Linux keeps a nice value per
// thread and a new thread inherits its creator's, so every thread Node has started by now is set,
// and the ones started later (by this main thread) follow. Elsewhere the process as a whole is set.
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** @param {number | undefined} target the nice value to run at; nothing to do when absent */
export function lowerPriority(target) {
  if (!target) return;
  /** @type {number[]} */
  let threads = [0];
  try {
    threads = readdirSync('/proc/self/task').map(Number);
  } catch {
    // No /proc: 0 names this process.
  }
  for (const id of threads) {
    try {
      if (getPriority(id) < target) setPriority(id, target);
    } catch {
      // The thread ended meanwhile, or the system refused: it keeps its priority.
    }
  }
}
