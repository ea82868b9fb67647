// What /proc says about a process: resident memory and CPU time, its own and its children's.
// Linux only; elsewhere every reading is null and the bench prints '-'.
import { readdirSync, readFileSync } from 'node:fs';

/** Resident set size of a process in MB (Linux /proc), or null when it cannot be read. */
export function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

const ticksPerSecond = 100; // USER_HZ on Linux

/**
 * CPU time (user + system, all threads) a process has used so far, in ms, from /proc; null
 * elsewhere. CPU per event is much less sensitive than throughput to other work on a shared machine.
 */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** CPU time (user + system) of a process's main thread alone so far, in ms (its event loop; V8's and libuv's helper threads apart); null elsewhere. */
export const mainThreadCpuMs = (pid) => cpuMs(`${pid}/task/${pid}`);

/** CPU time of a process so far, in ms, split into user and system (kernel: syscalls, the network stack) time; null elsewhere. */
export function cpuSplitMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: (Number(fields[11]) * 1000) / ticksPerSecond, system: (Number(fields[12]) * 1000) / ticksPerSecond };
  } catch {
    return null;
  }
}

/** The pids of a process's living descendants (sandbox workers, ...), from /proc; [] elsewhere. */
export function descendants(pid) {
  const out = [];
  const visit = (p) => {
    let tasks = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const t of tasks) {
      let kids = '';
      try {
        kids = readFileSync(`/proc/${p}/task/${t}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const k of kids.trim().split(/\s+/).filter(Boolean).map(Number)) {
        out.push(k);
        visit(k);
      }
    }
  };
  visit(pid);
  return out;
}

/** CPU ms of a process and its living descendants (a process's own helpers count against it). */
export function treeCpuMs(pid) {
  const own = cpuMs(pid);
  if (own === null) return null;
  return descendants(pid).reduce((sum, k) => sum + (cpuMs(k) ?? 0), own);
}

/** RSS of a process and its living descendants in MB (shared pages count once per process). */
export function treeRssMb(pid) {
  const own = rssMb(pid);
  if (own === null) return null;
  return Math.round(descendants(pid).reduce((sum, k) => sum + (rssMb(k) ?? 0), own) * 10) / 10;
}
