import { readdirSync, readFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { getPriority, tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';
import { keepHelperThreadsLow, lowerHelperThreads } from '../../../server/lib/helper-thread-priority.js';
import { freePort, startServerProcess } from '../../support/server-process.js';
import { tempDir } from '../../support/temp-dir.js';

const dirs: Array<ReturnType<typeof tempDir>> = [];
afterAll(() => dirs.forEach((d) => d.cleanup()));

/** The nice value of each thread of `pid`: /proc/<pid>/task/<tid>/stat, the 19th field, counted after the command name. */
function niceByThread(pid: number | 'self'): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      out.set(Number(tid), Number(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]?.split(' ')[16]));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}

/** Polls `check` until it holds or `ms` pass; returns its last answer. */
async function eventually(check: () => boolean, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; !check() && Date.now() < until;) await new Promise((r) => setTimeout(r, 50));
  return check();
}

/** A worker thread that stays until terminated, and the thread id Linux gave it. */
async function startIdleThread(): Promise<{ tid: number; stop: () => Promise<number> }> {
  // libuv starts its pool of threads on first use: started first, only the worker's thread is new.
  await access(tmpdir());
  const before = new Set(niceByThread('self').keys());
  const worker = new Worker('setInterval(() => {}, 1000);', { eval: true });
  await new Promise((r) => worker.once('online', r));
  const fresh = [...niceByThread('self').keys()].filter((t) => !before.has(t));
  expect(fresh).toHaveLength(1);
  return { tid: fresh[0] as number, stop: () => worker.terminate() };
}

const own = getPriority();
const lowered = (steps: number) => Math.min(19, own + steps);

describe("the server's helper threads run below its main thread", () => {
  it('in a started server: every thread but the main one 10 nice steps lower by default, all equal with 0', async () => {
    for (const [setting, expected] of [
      [undefined, lowered(10)],
      ['0', own],
    ] as const) {
      const dir = tempDir();
      dirs.push(dir);
      const env: Record<string, string> = { PORT: String(await freePort()), DATA_DIR: dir.path };
      if (setting !== undefined) env.HELPER_THREADS_NICE = setting;
      const server = await startServerProcess(env);
      try {
        const pid = server.child.pid as number;
        const helpersAt = (nice: number) => [...niceByThread(pid)].every(([tid, n]) => (tid === pid ? n === own : n === nice));
        // The first look comes right after the server is ready; /healthz answers a moment before.
        expect(await eventually(() => helpersAt(expected), 3_000), JSON.stringify([...niceByThread(pid)])).toBe(true);
        expect(niceByThread(pid).size).toBeGreaterThan(4);
      } finally {
        await server.stop();
      }
    }
  });

  // Both need room below this process's own priority to see a thread move.
  it.skipIf(own > 16)('lowers a thread started after the first look, and never the main thread', async () => {
    const thread = await startIdleThread();
    try {
      // A new thread inherits its creator's priority: the main thread's.
      expect(niceByThread('self').get(thread.tid)).toBe(own);
      expect(lowerHelperThreads(2)).toBeGreaterThan(0);
      const after = niceByThread('self');
      expect(after.get(thread.tid)).toBe(lowered(2));
      expect(after.get(process.pid)).toBe(own);
      // Already as low: left alone, and never raised back.
      lowerHelperThreads(1);
      expect(niceByThread('self').get(thread.tid)).toBe(lowered(2));
    } finally {
      await thread.stop();
    }
  });

  it.skipIf(own > 16)(
    'keeps looking: a thread started later is lowered by the next sweep',
    async () => {
      const stop = await keepHelperThreadsLow(3);
      const thread = await startIdleThread();
      try {
        expect(niceByThread('self').get(thread.tid)).toBe(own);
        expect(await eventually(() => niceByThread('self').get(thread.tid) === lowered(3), 7_000)).toBe(true);
      } finally {
        stop();
        await thread.stop();
      }
    },
    15_000,
  );

  it('is HELPER_THREADS_NICE in the configuration: 10 unless set, 0 to 19', () => {
    const env = { DATA_DIR: '/tmp/switchyard-helper-nice-test' };
    expect(loadConfig(env).helperThreadsNice).toBe(10);
    expect(loadConfig({ ...env, HELPER_THREADS_NICE: '0' }).helperThreadsNice).toBe(0);
    expect(() => loadConfig({ ...env, HELPER_THREADS_NICE: '20' })).toThrow(/HELPER_THREADS_NICE/);
    expect(() => loadConfig({ ...env, HELPER_THREADS_NICE: 'x' })).toThrow(/HELPER_THREADS_NICE/);
  });
});
