// Child processes of the bench: the server under test, the baselines and the receiver each run
// in their own process so that the load generator (this process) does not share their core.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { cpuMs, rssMb } from './proc-stats.mjs';
import { nowMs, sleep } from './stats.mjs';

const childDir = fileURLToPath(new URL('../children/', import.meta.url));

/** Everything the bench started and not yet stopped: killed if the bench exits early (a crash, ^C). */
const living = new Set();
const cleanups = new Set();
process.once('exit', () => {
  for (const child of living) child.kill('SIGKILL');
  for (const cleanup of cleanups) cleanup();
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

/** Kills `child` when the bench exits, unless it exited before. */
export function track(child) {
  living.add(child);
  child.once('exit', () => living.delete(child));
  return child;
}

/** Runs `fn` (synchronous) when the bench exits, unless `cancel()` was called first. */
export function atExit(fn) {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Wraps a spawned child: kill it (SIGKILL by default) and wait for its exit. */
function handle(child, extra = {}) {
  track(child);
  let output = '';
  child.stdout?.on('data', (d) => (output += d.toString()));
  child.stderr?.on('data', (d) => (output += d.toString()));
  const exited = new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
  return {
    child,
    pid: child.pid,
    output: () => output,
    rssMb: () => rssMb(child.pid),
    cpuMs: () => cpuMs(child.pid),
    async stop(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
    ...extra,
  };
}

/** Starts bench/children/<name>.mjs and resolves once it prints "listening <port>". */
export async function startChild(name, env = {}) {
  const child = spawn(process.execPath, [`${childDir}${name}.mjs`], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 10 s`)), 10_000);
    child.stdout.on('data', (d) => {
      buf += d.toString();
      const m = /listening (\d+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before listening`));
    });
  });
  return handle(child, { port, url: `http://127.0.0.1:${port}` });
}

/**
 * Polls GET `url` every 5 ms until it answers 200 (or the child exits or `timeoutMs` passes).
 * Returns milliseconds since `t0`, or null when it never became ready.
 */
export async function waitReady(url, child, t0, timeoutMs = 30_000) {
  while (nowMs() - t0 < timeoutMs) {
    if (child.exitCode !== null) return null;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) return nowMs() - t0;
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  return null;
}

/**
 * Spawns `argv` (node arguments) with PORT set and measures spawn-to-first-200 on `path`.
 * Used for the footprint baseline (`node -e "require('http')..."`).
 */
export async function spawnAndTime(argv, path = '/', env = {}) {
  const port = await freePort();
  const t0 = nowMs();
  const child = spawn(process.execPath, argv, { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const readyMs = await waitReady(`http://127.0.0.1:${port}${path}`, child, t0);
  return handle(child, { port, url: `http://127.0.0.1:${port}`, readyMs });
}
