#!/usr/bin/env node
// The `switchyard` command. It runs the compiled server in dist/ (built by `npm install` through
// the `prepare` script, or by `npm run build`). The server itself never loads isolated-vm: the
// sandbox runs in child processes started with --no-node-snapshot.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The server bundled into one file starts several times faster than the same code as
// hundreds of modules; the modules are the fallback (e.g. right after `tsc` alone).
// A bundle older than the modules (rebuilt with `tsc` alone since) is stale and not used.
const modules = new URL('../dist/server/cli.js', import.meta.url);
const bundle = new URL('../dist/server/switchyard.mjs', import.meta.url);
const mtime = (url) => statSync(fileURLToPath(url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const cli = mtime(bundle) >= mtime(modules) ? bundle : modules;
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('Switchyard is not built yet: run `npm install` (or `npm run build`) first.\n');
  process.exit(1);
}
const { createCli } = await import(cli.href);
try {
  await createCli().parseAsync(process.argv);
} catch (error) {
  // A person reads this: the message, not a stack trace.
  process.stderr.write(`switchyard: ${error instanceof Error ? error.message : String(error)}\n`);
  // A refused workflow says what to fix: one line per problem (node, field, message).
  const issues = Array.isArray(error?.details?.issues) ? error.details.issues.slice(0, 50) : [];
  for (const i of issues) process.stderr.write(`  - ${[i.nodeId ?? i.edgeId, i.path].filter(Boolean).join(' ')}: ${i.message}\n`);
  process.exit(1);
}
