import { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadConfig } from './config.js';

/** `switchyard <command>`: the server and a few tools that work on the same data dir. */
export function createCli(): Command {
  const program = new Command('switchyard').description('Self-hosted automation: durable webhook triggers, sandboxed steps, reliable delivery.').showHelpAfterError();

  program
    .command('start')
    .description('serve the editor, the API and the trigger URLs (env: PORT, HOST, DATA_DIR, PUBLIC_URL, LOG_LEVEL, EGRESS_ALLOW)')
    .action(async () => {
      const { startSwitchyard } = await import('./main.js');
      await startSwitchyard(loadConfig());
    });

  const apiKey = program.command('api-key').description('manage API keys');
  apiKey
    .command('create')
    .description('create an API key with owner rights; it is printed once')
    .requiredOption('--name <name>', 'a label to recognise the key by')
    .action(async (opts: { name: string }) => {
      const { withStore } = await import('./cli/with-store.js');
      await withStore(async ({ auth }) => {
        const key = await auth.createApiKey(opts.name, null);
        process.stdout.write(`API key "${key.name}" created. It is shown only now; store it safely:\n${key.key}\n`);
      });
    });

  const workflow = program.command('workflow').description('import and export workflows');
  workflow
    .command('import')
    .description('create a workflow from a JSON file (the API format)')
    .argument('<file>')
    .action(async (file: string) => {
      const { withStore } = await import('./cli/with-store.js');
      await withStore(async ({ workflowService }) => {
        const wf = await workflowService.create(JSON.parse(readFileSync(file, 'utf8')), null);
        process.stdout.write(`${wf.id}\n`);
      });
    });
  workflow
    .command('export')
    .description('print a workflow definition as JSON (to stdout, or --out FILE)')
    .argument('<id>')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (id: string, opts: { out?: string }) => {
      const { withStore } = await import('./cli/with-store.js');
      await withStore(async ({ workflowService }) => {
        const text = `${JSON.stringify(workflowService.get(id).definition, null, 2)}\n`;
        if (opts.out) writeFileSync(opts.out, text);
        else process.stdout.write(text);
      });
    });

  const runs = program.command('runs').description('inspect runs');
  runs
    .command('list')
    .description('list recent runs, newest first')
    .option('--workflow <id>', 'only runs of this workflow')
    .option('--status <status>', 'only runs with this status')
    .option('--limit <n>', 'how many', '20')
    .action(async (opts: { workflow?: string; status?: string; limit: string }) => {
      const { withStore } = await import('./cli/with-store.js');
      await withStore(async ({ runService }) => {
        const { runs: rows } = runService.list({ workflowId: opts.workflow, status: opts.status, limit: opts.limit });
        for (const r of rows) process.stdout.write(`${r.id}  ${r.status.padEnd(9)}  ${new Date(r.createdAt).toISOString()}  ${r.workflowName ?? r.workflowId}\n`);
        if (!rows.length) process.stdout.write('no runs\n');
      });
    });
  return program;
}
