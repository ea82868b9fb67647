import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBundleLoader } from '../../../server/lib/bundle-loader.js';

// A bundle of two CommonJS chunks as rolldown writes them: the entry requires a chunk of its
// own and one of Node's modules. Each load copies it to a directory of its own: V8 keeps what a
// process compiled by source and file name, and a second compile of the same file in this process
// would come from there, not from the cache file under test.
let dir: string;
let cacheDir: string;
let greeting = 'hello';
let copies = 0;
const writeBundle = () => {
  const at = join(dir, `copy-${(copies += 1)}`);
  mkdirSync(at);
  writeFileSync(join(at, 'sy-chunk-words.cjs'), `exports.greet = (name) => ${JSON.stringify(greeting)} + ', ' + name;\n`);
  writeFileSync(join(at, 'entry.cjs'), `const words = require("./sy-chunk-words.cjs");\nconst path = require("node:path");\nexports.hello = () => words.greet(path.basename(__filename));\n`);
  return join(at, 'entry.cjs');
};
const loadHello = (cache = true, where = cacheDir) => {
  const loader = createBundleLoader({ cacheDir: where, cache });
  const { hello } = loader.load(writeBundle()) as { hello: () => string };
  return { loader, said: hello() };
};
const cacheFiles = () => readdirSync(cacheDir).filter((f) => f.endsWith('.v8'));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bundle-loader-'));
  cacheDir = join(dir, 'code-cache');
  greeting = 'hello';
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('bundle loader', () => {
  it('runs the chunks, writes their code cache, and the next load uses it', () => {
    const first = loadHello();
    expect(first.said).toBe('hello, entry.cjs');
    expect(first.loader.report().map((c) => c.cache)).toEqual(['absent', 'absent']);
    expect(first.loader.save()).toBe(2);
    expect(cacheFiles()).toHaveLength(2);

    const second = loadHello();
    expect(second.said).toBe('hello, entry.cjs');
    expect(second.loader.report()).toEqual([
      { chunk: 'entry.cjs', cache: 'accepted' },
      { chunk: 'sy-chunk-words.cjs', cache: 'accepted' },
    ]);
    expect(second.loader.save()).toBe(0);
  });

  it('ignores the cache of a chunk whose source changed, and runs the new source', () => {
    loadHello().loader.save();
    greeting = 'bonjour';
    const { loader, said } = loadHello();
    expect(said).toBe('bonjour, entry.cjs');
    expect(loader.report().find((c) => c.chunk === 'sy-chunk-words.cjs')?.cache).toBe('absent');
  });

  it('reads a chunk that is not ASCII as UTF-8', () => {
    greeting = 'grüß dich, 世界 🌍';
    expect(loadHello().said).toBe('grüß dich, 世界 🌍, entry.cjs');
  });

  it('ignores a corrupt or truncated cache and writes a good one again', () => {
    loadHello().loader.save();
    const [a, b] = cacheFiles().map((f) => join(cacheDir, f)) as [string, string];
    const bytes = readFileSync(a);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    writeFileSync(a, bytes);
    writeFileSync(b, readFileSync(b).subarray(0, 20));

    const { loader, said } = loadHello();
    expect(said).toBe('hello, entry.cjs');
    expect(loader.report().map((c) => c.cache)).toEqual(['corrupt', 'corrupt']);
    expect(loader.save()).toBe(2);
    expect(
      loadHello()
        .loader.report()
        .map((c) => c.cache),
    ).toEqual(['accepted', 'accepted']);
  });

  it('ignores a cache that V8 refuses (one made for another source of the same name)', () => {
    loadHello().loader.save();
    // A well-formed cache under the key of the entry's source, but made from other code.
    const entryCache = cacheFiles().find((f) => f.startsWith('entry.cjs-')) as string;
    const wordsCache = cacheFiles().find((f) => f.startsWith('sy-chunk-words.cjs-')) as string;
    writeFileSync(join(cacheDir, entryCache), readFileSync(join(cacheDir, wordsCache)));

    const { loader, said } = loadHello();
    expect(said).toBe('hello, entry.cjs');
    expect(loader.report().find((c) => c.chunk === 'entry.cjs')?.cache).toBe('rejected');
  });

  it('with the cache off, compiles every time and writes nothing', () => {
    const { loader, said } = loadHello(false);
    expect(said).toBe('hello, entry.cjs');
    expect(loader.report().map((c) => c.cache)).toEqual(['off', 'off']);
    expect(loader.save()).toBe(0);
    expect(() => readdirSync(cacheDir)).toThrow();
  });

  it('runs without a cache where it cannot write one', () => {
    writeFileSync(join(dir, 'not-a-dir'), '');
    const { loader, said } = loadHello(true, join(dir, 'not-a-dir', 'code-cache'));
    expect(said).toBe('hello, entry.cjs');
    expect(loader.save()).toBe(0);
  });
});
