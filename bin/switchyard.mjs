#!/usr/bin/env node
// The `switchyard` command. It runs the compiled server in dist/ (built by `npm install` through
// the `prepare` script, or by `npm run build`). The server itself never loads isolated-vm: the
// sandbox runs in child processes started with --no-node-snapshot.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The server bundled into a few files starts several times faster than the same code as
// hundreds of modules; the modules are the fallback (e.g. right after `tsc` alone).
// A bundle older than the modules (rebuilt with `tsc` alone since) is stale and not used.
const modules = new URL('../dist/server/cli.js', import.meta.url);
const bundle = new URL('../dist/server/switchyard.cjs', import.meta.url);
const mtime = (url) => statSync(fileURLToPath(url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const useBundle = mtime(bundle) >= mtime(modules);
if (!existsSync(fileURLToPath(useBundle ? bundle : modules))) {
  process.stderr.write('Switchyard is not built yet: run `npm install` (or `npm run build`) first.\n');
  process.exit(1);
}
// The bundle runs with a V8 code cache (dist/server/code-cache/, server/lib/bundle-loader.ts),
// written a second after the command is under way (for `start`: after it is ready), so that the
// next start skips compiling. SWITCHYARD_CODE_CACHE=off compiles every time and writes nothing.
let afterStart = () => undefined;
let createCli;
if (useBundle) {
  const { createBundleLoader } = await import(new URL('../dist/server/lib/bundle-loader.js', import.meta.url).href);
  const loader = createBundleLoader({ cacheDir: fileURLToPath(new URL('../dist/server/code-cache/', import.meta.url)), cache: process.env.SWITCHYARD_CODE_CACHE !== 'off' });
  ({ createCli } = loader.load(fileURLToPath(bundle)));
  afterStart = () => void setTimeout(() => loader.save(), 1000).unref();
} else {
  ({ createCli } = await import(modules.href));
}
try {
  await createCli().parseAsync(process.argv);
  afterStart();
} catch (error) {
  // A person reads this: the message, not a stack trace.
  process.stderr.write(`switchyard: ${error instanceof Error ? error.message : String(error)}\n`);
  // A refused workflow says what to fix: one line per problem (node, field, message).
  const issues = Array.isArray(error?.details?.issues) ? error.details.issues.slice(0, 50) : [];
  for (const i of issues) process.stderr.write(`  - ${[i.nodeId ?? i.edgeId, i.path].filter(Boolean).join(' ')}: ${i.message}\n`);
  process.exit(1);
}
