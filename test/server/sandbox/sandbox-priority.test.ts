import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';
import { createSandboxPool } from '../../../server/sandbox/sandbox-pool.js';
import type { SandboxPool, SandboxPoolOptions } from '../../../server/sandbox/sandbox-types.js';
import { stillAnswers } from './support.js';

const pools: SandboxPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

/** Starts a pool's process with a call, and returns the nice value of each of its threads. */
async function childThreadsNice(options: SandboxPoolOptions): Promise<number[]> {
  const pids: number[] = [];
  const pool = createSandboxPool({ size: 1, ...options, onEvent: (e) => void (e.type === 'started' && e.pid && pids.push(e.pid)) });
  pools.push(pool);
  expect(await stillAnswers(pool)).toBe(true);
  const pid = pids[0] as number;
  // /proc/<pid>/task/<tid>/stat: the nice value is the 19th field, counted after the command name.
  return readdirSync(`/proc/${pid}/task`).map((tid) => Number(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]?.split(' ')[16]));
}

describe('the CPU priority of the sandbox processes', () => {
  const own = getPriority();

  it('is lower than the server: every thread of a child runs 10 nice steps below it by default', async () => {
    const nice = await childThreadsNice({});
    expect(nice.length).toBeGreaterThan(1);
    expect(new Set(nice)).toEqual(new Set([Math.min(19, own + 10)]));
  });

  it('follows the option, and stays at the server priority with 0', async () => {
    expect(new Set(await childThreadsNice({ nice: 3 }))).toEqual(new Set([Math.min(19, own + 3)]));
    expect(new Set(await childThreadsNice({ nice: 0 }))).toEqual(new Set([own]));
  });

  it('is SANDBOX_NICE in the configuration: 10 unless set, 0 to 19', () => {
    const env = { DATA_DIR: '/tmp/switchyard-nice-test' };
    expect(loadConfig(env).sandboxNice).toBe(10);
    expect(loadConfig({ ...env, SANDBOX_NICE: '0' }).sandboxNice).toBe(0);
    expect(() => loadConfig({ ...env, SANDBOX_NICE: '20' })).toThrow(/SANDBOX_NICE/);
    expect(() => loadConfig({ ...env, SANDBOX_NICE: '-1' })).toThrow(/SANDBOX_NICE/);
  });
});
