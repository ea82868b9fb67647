#!/usr/bin/env node
// The `switchyard` command. It runs the compiled server in dist/ (built by `npm install` through
// the `prepare` script, or by `npm run build`). The server itself never loads isolated-vm: the
// sandbox runs in child processes started with --no-node-snapshot.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/server/cli.js', import.meta.url);
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
