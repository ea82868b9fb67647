// Switchyard processes with roles over one PostgreSQL database, as a scaled-out deployment
// runs them: `switchyard start --role <roles>`, ready once it logs "Switchyard is ready".
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { atExit, freePort, track } from './processes.mjs';
import { treeCpuMs } from './proc-stats.mjs';
import { nowMs, sleep } from './stats.mjs';

const bin = process.env.SWITCHYARD_BENCH_BIN ?? fileURLToPath(new URL('../../bin/switchyard.mjs', import.meta.url));
const run = promisify(execFile);

/** The environment every process of one deployment shares. */
export function deploymentEnv(databaseUrl, extra = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-scale-'));
  const cancel = atExit(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    SWITCHYARD_SECRET_KEY: '42'.repeat(32),
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    EGRESS_ALLOW: '127.0.0.1/32',
    TRIGGER_RATE_LIMIT: 'off',
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    ...extra,
  };
  return {
    env,
    cleanup: () => {
      rmSync(dataDir, { recursive: true, force: true });
      cancel();
    },
  };
}

/** An API key for the deployment's database (the CLI prints it last). */
export async function createKey(env) {
  const { stdout } = await run(process.execPath, [bin, 'api-key', 'create', '--name', 'scale-bench'], { env, timeout: 60_000 });
  return stdout.trim().split('\n').at(-1).trim();
}

/**
 * Spawns `switchyard start --role <roles>`; resolves once it is ready. `base` is set for web roles.
 * `nodeArgs` go to node itself (e.g. `--cpu-prof`, which NODE_OPTIONS does not take).
 */
export async function startRole(env, roles, extra = {}, nodeArgs = []) {
  const port = roles.includes('web') ? await freePort() : 0;
  const child = track(spawn(process.execPath, [...nodeArgs, bin, 'start', '--role', roles], { env: { ...env, PORT: String(port), ...extra }, stdio: ['ignore', 'pipe', 'pipe'] }));
  let output = '';
  let ready = false;
  const onData = (d) => {
    output += d.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
    if (output.includes('Switchyard is ready')) ready = true;
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((r) => child.once('exit', () => r()));
  const t0 = nowMs();
  while (!ready && nowMs() - t0 < 60_000) {
    if (child.exitCode !== null) throw new Error(`--role ${roles} exited:\n${output.slice(-2000)}`);
    await sleep(20);
  }
  if (!ready) throw new Error(`--role ${roles} never got ready:\n${output.slice(-2000)}`);
  return {
    roles,
    pid: child.pid,
    base: port ? `http://127.0.0.1:${port}` : undefined,
    cpuMs: () => treeCpuMs(child.pid),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
