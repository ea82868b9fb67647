// Bundles the compiled server (dist/server/cli.js and everything it imports) into
// dist/server/switchyard.mjs and a few sy-chunk-*.mjs for what loads on first use: Node loads
// a few files several times faster than hundreds of modules, which is most of the server's
// start-up time. Native modules, and pino (whose
// transports start worker threads from files next to it), stay in node_modules.
import { defineConfig } from 'rolldown';

const external = ['better-sqlite3', 'isolated-vm', 'pino', 'pino-pretty', 'thread-stream'];

export default defineConfig({
  input: 'dist/server/cli.js',
  platform: 'node',
  external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
  output: {
    dir: 'dist/server',
    entryFileNames: 'switchyard.mjs',
    // What is imported only on first use (the CLI's other commands, nodemailer) goes to chunks
    // of its own, which a running server never reads unless it needs them. They sit next to
    // the entry so that paths made from import.meta.url (../client/, ./sandbox/) hold in all.
    chunkFileNames: 'sy-chunk-[name]-[hash].mjs',
    format: 'esm',
    keepNames: true,
    // V8 keeps a module's source in memory, two bytes a character as soon as one character is
    // not Latin-1: ASCII escapes and no comments keep it at one byte a character, and smaller
    // (about 8 MB less resident memory, and less to scan at start).
    charset: 'ascii',
    comments: false,
    // CommonJS packages inside the bundle still reach for these.
    banner: [
      "import { createRequire as __syCreateRequire } from 'node:module';",
      "import { fileURLToPath as __syFileURLToPath } from 'node:url';",
      'const require = __syCreateRequire(import.meta.url);',
      'const __filename = __syFileURLToPath(import.meta.url);',
      "const __dirname = __syFileURLToPath(new URL('.', import.meta.url));",
    ].join('\n'),
  },
  logLevel: 'warn',
});
