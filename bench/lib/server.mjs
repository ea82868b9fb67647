// The Switchyard server under test: a fresh data directory, an API key made with the CLI,
// then `switchyard start` as a child process (as `npm run switchyard -- start` runs it).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { atExit, freePort, track, waitReady } from './processes.mjs';
import { cpuMs, descendants, rssMb, treeCpuMs, treeRssMb } from './proc-stats.mjs';
import { nowMs } from './stats.mjs';

// SWITCHYARD_BENCH_BIN points the bench at another build (e.g. a patched copy) to compare.
const defaultBin = process.env.SWITCHYARD_BENCH_BIN ?? fileURLToPath(new URL('../../bin/switchyard.mjs', import.meta.url));
const run = promisify(execFile);

/** Creates an API key with the CLI against `env.DATA_DIR`; the key is the last line printed. */
async function createApiKey(env, bin) {
  const { stdout } = await run(process.execPath, [bin, 'api-key', 'create', '--name', 'bench'], { env, timeout: 30_000 });
  const key = stdout.trim().split('\n').at(-1)?.trim();
  if (!key) throw new Error(`api-key create printed no key: ${stdout}`);
  return key;
}

/**
 * Starts a server on a free port with its own temporary DATA_DIR. `readyMs` is the time from
 * spawn to the first 200 on /healthz (the database already exists: the CLI created it).
 * `nodeArgs` go to the server's node (e.g. --cpu-prof); `bin` runs another build (a baseline).
 */
export async function startSwitchyard(extraEnv = {}, nodeArgs = [], bin = defaultBin) {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  const cancelCleanup = atExit(removeDir);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PUBLIC_URL: base,
    EGRESS_ALLOW: '127.0.0.1/32',
    // The bench measures the server's capacity on one trigger: no per-trigger limit may cap it
    // (the default, 5,000/s, is near what a fast machine ingests). `null` in extraEnv keeps the default.
    TRIGGER_RATE_LIMIT: 'off',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  for (const [name, value] of Object.entries(env)) if (value === null) delete env[name];
  const key = await createApiKey(env, bin);
  const t0 = nowMs();
  const child = track(spawn(process.execPath, [...nodeArgs, bin, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] }));
  let output = '';
  child.stdout.on('data', (d) => (output += d.toString()));
  child.stderr.on('data', (d) => (output += d.toString()));
  const exited = new Promise((r) => child.once('exit', () => r()));
  const readyMs = await waitReady(`${base}/healthz`, child, t0);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    removeDir();
    cancelCleanup();
  };
  if (readyMs === null) {
    await stop();
    throw new Error(`the server did not become ready:\n${output.slice(-2000)}`);
  }
  return {
    base,
    key,
    pid: child.pid,
    readyMs,
    dataDir,
    output: () => output,
    rssMb: () => rssMb(child.pid),
    /** RSS of the server and its sandbox processes together. */
    treeRssMb: () => treeRssMb(child.pid),
    /** How many helper processes (the sandbox pool) the server runs. */
    helperProcesses: () => descendants(child.pid).length,
    cpuMs: () => cpuMs(child.pid),
    /** CPU of the server and its sandbox processes together. */
    treeCpuMs: () => treeCpuMs(child.pid),
    /** Null while it runs; otherwise how it ended (a crash under load is a finding). */
    exit: () => (child.exitCode === null && child.signalCode === null ? null : { code: child.exitCode, signal: child.signalCode }),
    stop,
  };
}
