// The second pass of the server suite, on PostgreSQL (`npm run test:server:postgres`, the end of
// `npm test`): every test app on a fresh PostgreSQL database (test/support/test-app.ts). Left out,
// each for the reason beside it: files that choose their store themselves, whatever
// SWITCHYARD_TEST_DATABASE says, so a second pass would only repeat the first one exactly.
import { configDefaults, defineConfig } from 'vitest/config';
import base, { SHARED_WORKER, WAITING_WORKERS } from './vite.config.js';

// The main config's groups split the browser tests off; this pass has none.
const { projects: _groups, ...common } = base.test ?? {};

export const notOnTheSecondPass = [
  // The storage contract on both stores, and PostgreSQL's own tests: they open the stores they test.
  'test/server/store/**',
  // Real processes on PostgreSQL (kill -9, SIGSTOP, leader, roles): they make their own databases.
  'test/server/scale/**',
  // SQLite itself: its commit queue, migrations and queue table on a file.
  'test/server/db/**',
  // A built server spawned on a data dir (restart, crash, shutdown, backup): SQLite in both passes.
  'test/server/e2e/**',
  'test/server/delivery/restart.test.ts',
  'test/server/flow/independent-branches-crash.test.ts',
  'test/server/flow/subworkflow-restart.test.ts',
  'test/server/ops/backup-restore.test.ts',
  'test/server/scheduler/schedule-restart.test.ts',
  'test/server/waits/wait-restart.test.ts',
];

export default defineConfig({
  ...base,
  test: {
    ...common,
    // Its files mostly wait on PostgreSQL and timers, like the first group of the main config.
    maxWorkers: WAITING_WORKERS,
    // One process for the pass's files, as in the main config's first group (SHARED_WORKER).
    isolate: !SHARED_WORKER,
    include: ['test/server/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...notOnTheSecondPass],
    env: { SWITCHYARD_TEST_DATABASE: 'postgres' },
    // Waits at the end of each file for the test databases dropped in the background.
    setupFiles: ['test/support/settle-drops.setup.ts'],
  },
});
