// Lint keeps the house rules: `shared/` and `server/engine/` stay free of IO, `client/` never
// imports `server/`, and `any` does not creep in.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'http', 'https', 'net', 'os', 'child_process', 'crypto', 'worker_threads', 'dns', 'stream'];
const ioPackages = ['better-sqlite3', 'isolated-vm', 'undici', 'express', 'pino'];

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
          ],
        },
      ],
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
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**', ...nodeBuiltins, ...ioPackages], message: 'client/ talks to the server only through client/api/.' }] },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
