import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../support/server-process.js';
import { tempDir } from '../../support/temp-dir.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const dirs: Array<ReturnType<typeof tempDir>> = [];
afterAll(() => dirs.forEach((d) => d.cleanup()));

/** `switchyard start` as a child process with stdout piped (not a terminal); stops it once `until` holds for stdout. */
async function startAndStop(env: Record<string, string>, until: (stdout: string) => boolean): Promise<string> {
  const dir = tempDir();
  dirs.push(dir);
  const child = spawn(process.execPath, ['bin/switchyard.mjs', 'start'], {
    cwd: repo,
    env: { ...process.env, HOST: '127.0.0.1', DATA_DIR: dir.path, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  for (let i = 0; i < 300 && child.exitCode === null && !until(stdout); i++) await new Promise((r) => setTimeout(r, 100));
  child.kill('SIGTERM');
  await exited;
  if (!until(stdout)) throw new Error(`the server never printed what the test waits for:\n${stdout}\n${stderr}`);
  return stdout;
}

const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
const isJson = (line: string) => {
  try {
    return typeof JSON.parse(line) === 'object';
  } catch {
    return false;
  }
};

describe('what `start` prints', () => {
  it('prints one plain line with the public URL for a person (LOG_FORMAT=pretty forces what a terminal gets)', async () => {
    const port = await freePort();
    // The log lines come through pino-pretty in a worker thread (pino's transport), after the plain line.
    const out = await startAndStop({ PORT: String(port), LOG_FORMAT: 'pretty' }, (s) => s.includes('Switchyard is ready: ') && s.includes('INFO: Switchyard is ready'));
    expect(lines(out).filter((l) => l.startsWith('Switchyard is ready'))).toEqual([`Switchyard is ready: http://127.0.0.1:${port}`]);
    expect(lines(out).filter((l) => /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: Switchyard is ready$/.test(l))).toHaveLength(1);
    expect(lines(out).filter(isJson)).toEqual([]);
    const withPublicUrl = await startAndStop({ PORT: String(await freePort()), LOG_FORMAT: 'pretty', PUBLIC_URL: 'https://flows.example.test' }, (s) => s.includes('Switchyard is ready: '));
    expect(lines(withPublicUrl)).toContain('Switchyard is ready: https://flows.example.test');
  }, 60_000);

  it('keeps stdout to JSON lines when it is not a terminal, the URL inside the ready entry', async () => {
    const port = await freePort();
    const ready = (s: string) => lines(s).some((l) => isJson(l) && JSON.parse(l).msg === 'Switchyard is ready');
    for (const format of [{}, { LOG_FORMAT: 'json' }] as Array<Record<string, string>>) {
      const out = await startAndStop({ PORT: String(port), ...format }, ready);
      expect(lines(out).filter((l) => !isJson(l))).toEqual([]);
      expect(
        lines(out)
          .map((l) => JSON.parse(l))
          .find((e) => e.msg === 'Switchyard is ready'),
      ).toMatchObject({ url: `http://127.0.0.1:${port}` });
    }
  }, 60_000);
});

describe('npm run switchyard', () => {
  const npm = (args: string[], env: Record<string, string> = {}) => promisify(execFile)('npm', ['run', 'switchyard', '--', ...args], { cwd: repo, env: { ...process.env, ...env }, timeout: 60_000 });

  it('runs the bin in a clone: --help and runs list', async () => {
    const help = await npm(['--help']);
    expect(help.stdout).toContain('Usage: switchyard');
    expect(help.stdout).toContain('npm run switchyard -- <command>');
    const dir = tempDir();
    dirs.push(dir);
    expect((await npm(['runs', 'list'], { DATA_DIR: dir.path })).stdout).toContain('no runs');
  }, 60_000);
});
