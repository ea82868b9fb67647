import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Shared modules built on large libraries, and the client's lazy stand-ins for them. */
const LAZY_CHECKS: Record<string, string> = {
  [here('shared/graph/expression-syntax.ts')]: here('client/lazy/expression-syntax.ts'),
  [here('shared/nodes/cron.ts')]: here('client/lazy/cron.ts'),
  [here('shared/nodes/ip-ranges.ts')]: here('client/lazy/ip-ranges.ts'),
};
const LAZY_DIR = here('client/lazy/');

/**
 * Keeps acorn, croner and ipaddr.js out of the editor's first download: every import of those
 * shared modules resolves to its stand-in in client/lazy/, except imports from client/lazy/
 * itself, whose loader fetches the real ones after the first screen (client/lazy/heavy-checks.ts).
 * Not under vitest: tests run the shared modules directly.
 */
function lazyChecks(): Plugin {
  return {
    name: 'switchyard-lazy-checks',
    enforce: 'pre',
    apply: () => !process.env.VITEST,
    async resolveId(source, importer, options) {
      if (!importer || importer.startsWith(LAZY_DIR) || !/(expression-syntax|cron|ip-ranges)(\.[jt]s)?$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return (resolved && LAZY_CHECKS[resolved.id]) ?? null;
    },
  };
}

// The editor is built from client/ into dist/client, which the server serves at `/`.
// Vitest shares this file: tests live in test/ and run in Node.
export default defineConfig({
  root: 'client',
  plugins: [react(), lazyChecks()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // Maps only when asked for (`npm run build:client -- --sourcemap`): they triple the output and the browser never needs them.
    sourcemap: false,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/hooks': 'http://127.0.0.1:3000' },
  },
  test: {
    root: '.',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
