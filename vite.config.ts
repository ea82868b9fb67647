import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The editor is built from client/ into dist/client, which the server serves at `/`.
// Vitest shares this file: tests live in test/ and run in Node.
export default defineConfig({
  root: 'client',
  plugins: [react()],
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
