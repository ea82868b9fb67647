// The counting sink of ../shared/bench (the receiver vs-reference.mjs delivers to) and the wrk load
// it drives with, for the benches that reproduce vs-reference's load (sustained.mjs, run-phases.mjs).
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort, track } from './processes.mjs';
import { sleep } from './stats.mjs';

const shared = fileURLToPath(new URL('../../../shared/bench/', import.meta.url));

/** Starts the sink (stopped with the bench); its URL and its count of deliveries so far. */
export async function startReferenceSink() {
  if (!existsSync(join(shared, 'sink.js'))) throw new Error(`no ${shared}sink.js: this bench needs ../shared/bench beside the project`);
  const port = await freePort();
  track(spawn(process.execPath, [join(shared, 'sink.js')], { env: { ...process.env, SINK_PORT: String(port) }, stdio: 'ignore' }));
  await sleep(300);
  return { url: `http://127.0.0.1:${port}/hook`, count: async () => (await (await fetch(`http://127.0.0.1:${port}/stats`)).json()).count };
}

/** vs-reference's load: wrk at 50 connections for `seconds`, posting its order body to `url`; resolves to wrk's output. */
export const referenceLoad = (url, seconds) => promisify(execFile)('wrk', ['-t1', '-c50', `-d${seconds}s`, '--timeout', '30s', '-s', join(shared, 'post.lua'), url]);
