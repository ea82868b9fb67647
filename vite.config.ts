import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Shared modules built on large libraries, and the client's lazy stand-ins for them. */
const LAZY_CHECKS: Record<string, string> = {
  [here('shared/graph/expression-syntax.ts')]: here('client/lazy/expression-syntax.ts'),
  [here('shared/nodes/cron.ts')]: here('client/lazy/cron.ts'),
  [here('shared/nodes/ip-ranges.ts')]: here('client/lazy/ip-ranges.ts'),
};
const LAZY_DIR = here('client/lazy/');

/** The editor's tests in a real Chromium. */
const BROWSER_TESTS = ['test/e2e/**/*.test.ts'];
/**
 * Test files run at once outside the browser group, and in the PostgreSQL pass: one unless
 * SWITCHYARD_TEST_WORKERS says more. Two at once were not yet shown free of flaky failures: on
 * a shared machine at a load of 12 to 16, two timing-bound tests failed (docs/operations.md#test-time).
 */
export const WAITING_WORKERS = Number(process.env.SWITCHYARD_TEST_WORKERS ?? 1);
/**
 * Server and shared test files share their worker process and its module cache (`isolate: false`),
 * instead of a fresh process per file that imports the server and its libraries again: that
 * import was about half the PostgreSQL pass (docs/operations.md#test-time). Safe because each
 * file builds its own app, store and receivers and stops them: the server keeps no module-level
 * state (ARCHITECTURE.md) and no test file mocks a module or leaves the environment changed.
 * SWITCHYARD_TEST_ISOLATE=1 gives every file its own process again, to tell a leak from a bug.
 */
export const SHARED_WORKER = process.env.SWITCHYARD_TEST_ISOLATE !== '1';

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
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two groups, one after the other (docs/operations.md#test-time). Files of the first group
    // mostly wait (spawned servers, timers, PostgreSQL, HTTP on 127.0.0.1), so several of them
    // may share 2 cores (WAITING_WORKERS). Browser tests then run one at a time on one shared Chromium.
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: [...configDefaults.exclude, ...BROWSER_TESTS],
          maxWorkers: WAITING_WORKERS,
          isolate: !SHARED_WORKER,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: BROWSER_TESTS,
          maxWorkers: 1,
          globalSetup: ['test/e2e/support/shared-chromium.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
