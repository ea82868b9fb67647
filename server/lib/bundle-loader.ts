// Loads the bundled server (dist/server/switchyard.cjs and its sy-chunk-*.cjs, CommonJS) through
// vm.Script with a V8 code cache, so that a start after the first does not compile the chunks
// again: a tenth to a fifth of a start's CPU. Node 20 has no compile cache for ES modules
// (module.enableCompileCache came with Node 22), hence CommonJS chunks and this loader.
//
// A cache is a file per chunk, `<chunk>-<key>.v8`, the key a hash of the chunk's source, the
// Node version and platform and node's flags (V8 itself compares only the source's length: the
// cache of another source of the same length would run that other code). Its first 20 bytes
// are the SHA-1 of the rest: a check against damage, not against someone who can write there
// (they could as well change the code next to it). A cache that is missing, stale (another
// key), truncated or corrupt (checksum) is never handed to V8, and one that V8 refuses is
// ignored: each costs only a normal compile, never a failed start, and is written anew after
// the start. Caches are written next to the code (the same trust as the code itself, never a
// shared temporary directory), once the process is running, atomically (a temporary file, then
// rename); a read-only install simply runs without one.
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { Script } from 'node:vm';

/** What became of one chunk's cache on load. */
export type CacheOutcome = 'accepted' | 'absent' | 'corrupt' | 'rejected' | 'off';

interface LoadedChunk {
  file: string;
  script: Script;
  cacheFile: string;
  outcome: CacheOutcome;
}

const CHECKSUM_BYTES = 20;
// V8 refuses a cache made under other heap flags: processes started with other flags keep caches
// of their own instead of replacing each other's at every start.
const RUNTIME = ['', process.version, process.platform, process.arch, ...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0');
const sha1 = (...parts: (Buffer | string)[]) => parts.reduce((h, p) => h.update(p), createHash('sha1')).digest();

/** The cache's payload when its checksum holds, else undefined (absent, truncated or corrupt). */
function readCache(cacheFile: string): { data?: Buffer; outcome: CacheOutcome } {
  let raw: Buffer;
  try {
    raw = readFileSync(cacheFile);
  } catch {
    return { outcome: 'absent' };
  }
  const data = raw.subarray(CHECKSUM_BYTES);
  if (raw.length <= CHECKSUM_BYTES || !sha1(data).equals(raw.subarray(0, CHECKSUM_BYTES))) return { outcome: 'corrupt' };
  return { data, outcome: 'accepted' };
}

/**
 * A loader for one bundle directory. `load(entry)` runs a chunk (and the chunks it requires) and
 * returns its exports; `save()` writes the caches that were missing or refused, best effort.
 * With `cache: false` it compiles every time and writes nothing (SWITCHYARD_CODE_CACHE=off).
 */
export function createBundleLoader(o: { cacheDir: string; cache: boolean }) {
  const modules = new Map<string, { exports: unknown }>();
  const chunks: LoadedChunk[] = [];

  const load = (file: string): unknown => {
    const known = modules.get(file);
    if (known) return known.exports;
    const bytes = readFileSync(file);
    const key = sha1(bytes, RUNTIME).toString('hex').slice(0, 16);
    const cacheFile = join(o.cacheDir, `${basename(file)}-${key}.v8`);
    const cached = o.cache ? readCache(cacheFile) : { outcome: 'off' as const };
    // The bundle is written in ASCII (server/rolldown.config.mjs), which decodes as Latin-1 in about
    // two thirds of the time UTF-8 takes; anything else is decoded as UTF-8.
    const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
    const script = new Script(wrapped, { filename: file, cachedData: cached.data });
    const outcome = cached.data && script.cachedDataRejected === true ? 'rejected' : cached.outcome;
    chunks.push({ file, script, cacheFile, outcome });

    const nodeRequire = createRequire(file);
    // Chunks of the bundle load through this loader; packages and Node's modules through Node.
    const requireHere = Object.assign((id: string) => {
      const target = id.startsWith('.') ? resolve(dirname(file), id) : undefined;
      return target?.endsWith('.cjs') ? load(target) : nodeRequire(id);
    }, nodeRequire);
    const module = { exports: {} as unknown, id: file, filename: file, require: requireHere };
    // Registered before it runs: a chunk that requires this one back gets its exports so far, as in Node.
    modules.set(file, module);
    const run = script.runInThisContext() as (...args: unknown[]) => void;
    run.call(module.exports, module.exports, requireHere, module, file, dirname(file));
    return module.exports;
  };

  const save = (): number => {
    if (!o.cache) return 0;
    let written = 0;
    for (const chunk of chunks) {
      if (chunk.outcome === 'accepted') continue;
      const tmp = `${chunk.cacheFile}.${process.pid}.tmp`;
      try {
        mkdirSync(o.cacheDir, { recursive: true });
        const data = chunk.script.createCachedData();
        writeFileSync(tmp, Buffer.concat([sha1(data), data]));
        renameSync(tmp, chunk.cacheFile);
        chunk.outcome = 'accepted';
        written += 1;
      } catch {
        // A read-only install, a full disk: the next start compiles, as without a cache.
        try {
          rmSync(tmp, { force: true });
        } catch {
          // nothing was written there either
        }
      }
    }
    return written;
  };

  return {
    load,
    save,
    /** Each chunk loaded so far and what became of its cache (tests, diagnostics). */
    report: () => chunks.map((c) => ({ chunk: basename(c.file), cache: c.outcome })),
  };
}
