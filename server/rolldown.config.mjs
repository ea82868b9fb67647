// Bundles the compiled server (dist/server/cli.js and everything it imports) into
// dist/server/switchyard.cjs and a few sy-chunk-*.cjs for what loads on first use: Node loads
// a few files several times faster than hundreds of modules, which is most of the server's
// start-up time. Native modules stay in node_modules.
//
// CommonJS, not ESM: bin/switchyard.mjs runs these chunks through vm.Script with a V8 code cache
// (server/lib/bundle-loader.ts), which Node 20 offers for scripts but not for ES modules; the
// cache takes compiling the chunks, a tenth to a fifth of a start's CPU, off every start after the
// first.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'rolldown';
import { leadingSpreadPlugin } from './leading-spread.mjs';

// iconv-lite (its code-page tables, 540 KB, are read only when a body is not UTF-8) and mime-db
// (a 190 KB JSON file) load faster from node_modules, where npm keeps them at the top level
// (body-parser, mime-types and compressible are their only users). pino is bundled: loaded from
// node_modules it was compiled anew at every start (its dozen files, about 15 ms); its transports'
// worker threads still start from thread-stream's file (server/lib/logger.ts).
const external = ['better-sqlite3', 'isolated-vm', 'pino-pretty', 'iconv-lite', 'mime-db'];

// Node 20 drops a script's dynamic-import callback when the script comes from a code cache, so
// the chunks must not call import(): rolldown turns imports of chunks into require(), and an
// external package that only ships ES modules would need import(). Fail the build instead of
// the first start that reaches such a call.
/** @type {import('rolldown').Plugin} */
const noDynamicImport = {
  name: 'no-dynamic-import',
  renderChunk(code, chunk) {
    const at = code.search(/(?<![\w$.'"`])import\s*\((?!\s*\))/);
    if (at >= 0) this.error(`${chunk.fileName} calls import() (${code.slice(at, at + 60)}...): the code cache cannot run it; require the package or bundle it.`);
    return null;
  },
};

export default defineConfig({
  input: 'dist/server/cli.js',
  plugins: [noDynamicImport, leadingSpreadPlugin],
  platform: 'node',
  // Express and its helpers get a mime-types that builds its extension maps on first use, not at
  // every start (server/lib/mime-types-lazy.ts).
  resolve: { alias: { 'mime-types': fileURLToPath(new URL('../dist/server/lib/mime-types-lazy.js', import.meta.url)) } },
  external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
  output: {
    dir: 'dist/server',
    entryFileNames: 'switchyard.cjs',
    // What is imported only on first use (the CLI's other commands, nodemailer) goes to chunks
    // of its own, which a running server never reads unless it needs them. They sit next to
    // the entry so that paths made from import.meta.url (../client/, ./sandbox/) hold in all.
    chunkFileNames: 'sy-chunk-[name]-[hash].cjs',
    format: 'cjs',
    keepNames: true,
    // V8 keeps a module's source in memory, two bytes a character as soon as one character is
    // not Latin-1: ASCII escapes and no comments keep it at one byte a character, and smaller
    // (about 8 MB less resident memory, and less to scan at start).
    charset: 'ascii',
    comments: false,
  },
  logLevel: 'warn',
});
