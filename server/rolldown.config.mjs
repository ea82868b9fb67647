// Bundles the compiled server (dist/server/cli.js and everything it imports) into one file,
// dist/server/switchyard.mjs: Node loads one file several times faster than hundreds of
// modules, which is most of the server's start-up time. Native modules, and pino (whose
// transports start worker threads from files next to it), stay in node_modules.
import { defineConfig } from 'rolldown';

const external = ['better-sqlite3', 'isolated-vm', 'pino', 'pino-pretty', 'thread-stream'];

export default defineConfig({
  input: 'dist/server/cli.js',
  platform: 'node',
  external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
  output: {
    file: 'dist/server/switchyard.mjs',
    format: 'esm',
    codeSplitting: false,
    keepNames: true,
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
