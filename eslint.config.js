// Lint keeps the house rules: `shared/` and `server/engine/` stay free of IO, `client/` never
// imports `server/`, and `any` does not creep in.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'http', 'https', 'net', 'os', 'child_process', 'crypto', 'worker_threads', 'dns', 'stream'];
const ioPackages = ['better-sqlite3', 'isolated-vm', 'undici', 'express', 'pino'];
// What the pure core must never reach for.
const engineOutside = ['**/store/**', '**/runners/**', '**/ingest/**', '**/executor/**', '**/services/**', '**/http/**', '**/delivery/**', '**/sandbox/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/results/**', 'data/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts', 'server/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ and server/engine/ are pure: no Node built-ins.' },
            { group: ioPackages, message: 'shared/ and server/engine/ are pure: no IO libraries.' },
            { group: ['react', 'react-dom', '**/client/**'], message: 'shared/ must not depend on the client.' },
            { group: engineOutside, message: 'server/engine/ is the pure core: storage, runners, ingest and the executor depend on it, never the other way round.' },
          ],
        },
      ],
    },
  },
  {
    // Storage is reached through server/store/ports/; the SQLite implementation is wired in the
    // composition root (main.ts, and scale/open-store.ts which picks SQLite or PostgreSQL) and the CLI.
    files: ['server/**/*.ts'],
    ignores: ['server/store/sqlite/**', 'server/main.ts', 'server/scale/open-store.ts', 'server/cli.ts', 'server/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['better-sqlite3', '**/store/sqlite/**'], message: 'Use the storage ports (server/store/ports/); only the SQLite implementation and the composition root know SQLite.' }],
        },
      ],
    },
  },
  {
    files: ['server/store/ports/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['better-sqlite3', '**/sqlite/**', '**/postgres/**', ...nodeBuiltins], message: 'Ports are interfaces: no implementation, no IO.' }] }],
    },
  },
  {
    // Complexity budgets: warnings everywhere, hard limits on the server and shared code.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['test/**'],
    rules: {
      complexity: ['warn', 20],
      'max-depth': ['warn', 4],
      'max-lines-per-function': ['warn', { max: 100, skipBlankLines: true, skipComments: true }],
      'max-params': ['warn', 7],
    },
  },
  {
    files: ['server/**/*.ts', 'shared/**/*.ts'],
    ignores: ['server/sandbox/**'],
    rules: {
      complexity: ['error', 35],
      'max-depth': ['error', 5],
      // Counted on Prettier's output, which puts each argument of a long call on its own line.
      'max-lines-per-function': ['error', { max: 200, skipBlankLines: true, skipComments: true }],
      'max-params': ['error', 7],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is pure: no Node built-ins.' },
            { group: ioPackages, message: 'shared/ is pure: no IO libraries.' },
            { group: ['react', 'react-dom', '**/client/**', '**/server/**'], message: 'shared/ is imported by both sides and imports neither.' },
          ],
        },
      ],
    },
  },
  {
    files: ['client/**/*.ts', 'client/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', ...nodeBuiltins, ...ioPackages], message: 'client/ talks to the server only through client/api/.' }] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
