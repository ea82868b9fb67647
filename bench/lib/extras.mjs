// The benches other parts of the project own (bench/sandbox.mjs, delivery.mjs, editor.mjs).
// Each exports an async function that returns its figures; run each if it exists, with a time
// limit, and note why when one is missing or fails rather than failing the whole bench.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = fileURLToPath(new URL('../', import.meta.url));

/** The module's default export if it is a function, else its first exported function. */
function entryOf(mod) {
  if (typeof mod.default === 'function') return mod.default;
  return Object.values(mod).find((v) => typeof v === 'function');
}

/**
 * @param {{ names: string[], distDir: string, timeoutMs?: number, log?: (s: string) => void }} o
 * @returns {Promise<Record<string, { status: 'ok' | 'missing' | 'failed' | 'timed out', figures?: unknown, note?: string, seconds?: number }>>}
 */
export async function runExtras({ names, distDir, timeoutMs = 120_000, log = console.log }) {
  const out = {};
  for (const name of names) {
    const file = `${benchDir}${name}.mjs`;
    if (!existsSync(file)) {
      out[name] = { status: 'missing', note: `bench/${name}.mjs does not exist yet` };
      log(`${name}: skipped, bench/${name}.mjs does not exist yet`);
      continue;
    }
    const t0 = Date.now();
    let timer;
    try {
      const fn = entryOf(await import(pathToFileURL(file).href));
      if (!fn) throw new Error('exports no function');
      log(`${name}: running bench/${name}.mjs`);
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error(`did not finish within ${timeoutMs / 1000} s`), { timedOut: true })), timeoutMs);
      });
      const figures = await Promise.race([fn({ distDir, log: (s) => log(`  ${name}: ${s}`) }), timeout]);
      out[name] = { status: 'ok', figures, seconds: Math.round((Date.now() - t0) / 100) / 10 };
    } catch (err) {
      const note = String(err?.message ?? err).slice(0, 500);
      out[name] = { status: err?.timedOut ? 'timed out' : 'failed', note, seconds: Math.round((Date.now() - t0) / 100) / 10 };
      log(`${name}: ${out[name].status}: ${note}`);
    } finally {
      clearTimeout(timer);
    }
  }
  return out;
}
