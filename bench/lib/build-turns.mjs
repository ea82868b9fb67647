// Builds measured in turns (this, other, this, other, ...) against one receiver: what the CPU
// benches share. Each round prints every build's result; the answer is the medians per build.
import { fileURLToPath } from 'node:url';
import { startReceiver } from './receiver.mjs';
import { median, round } from './stats.mjs';

/** `--rounds=3 --events=2000 [--against=<other>/bin/switchyard.mjs]`: this build, and the other one if named. */
export function turnOptions(argv = process.argv.slice(2)) {
  const option = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const builds = [{ name: 'this', bin: fileURLToPath(new URL('../../bin/switchyard.mjs', import.meta.url)) }];
  if (option('against')) builds.push({ name: 'other', bin: option('against') });
  return { rounds: Number(option('rounds') ?? 3), events: Number(option('events') ?? 2000), builds };
}

/**
 * Runs `once(bin, receiver)` for each build, `rounds` times in turns, printing each result;
 * returns, per build name, a function giving the median of one field of its results.
 */
export async function inTurns(builds, rounds, once) {
  const receiver = await startReceiver();
  const results = Object.fromEntries(builds.map((b) => [b.name, []]));
  try {
    for (let i = 0; i < rounds; i++) {
      for (const b of builds) {
        const r = await once(b.bin, receiver);
        results[b.name].push(r);
        console.log(b.name, JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v, 3)]))));
      }
    }
  } finally {
    await receiver.stop();
  }
  return Object.fromEntries(builds.map((b) => [b.name, (k) => round(median(results[b.name].map((r) => r[k])), 3)]));
}
