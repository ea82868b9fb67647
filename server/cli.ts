import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { loadConfig } from './config.js';
import { registerOpsCommands } from './cli/ops-commands.js';

/** `switchyard <command>`: the server and a few tools that work on the same data dir. */
export function createCli(): Command {
  const program = new Command('switchyard')
    .description('Self-hosted automation: durable webhook triggers, sandboxed steps, reliable delivery.')
    .showHelpAfterError()
    .addHelpText(
      'after',
      '\nIn a clone run it as `npm run switchyard -- <command>` (e.g. `npm run switchyard -- api-key create --name me`);\ninstalled as a package, as `switchyard <command>`. `<command> --help` tells more.',
    );

  program
    .command('start')
    .description('serve the editor, the API and the trigger URLs (env: PORT, HOST, DATA_DIR, DATABASE_URL, PUBLIC_URL, LOG_LEVEL, LOG_FORMAT, EGRESS_ALLOW)')
    .option(
      '--role <roles>',
      'what this process does, comma-separated: web (editor, API, trigger URLs), worker (executes runs), scheduler (schedules, retention, upkeep; one leader at a time); all three when not given; other than all three needs DATABASE_URL (env: SWITCHYARD_ROLE)',
    )
    .action(async (opts: { role?: string }) => {
      const { startSwitchyard } = await import('./start.js');
      await startSwitchyard(loadConfig(opts.role === undefined ? process.env : { ...process.env, SWITCHYARD_ROLE: opts.role }));
    });

  const apiKey = program.command('api-key').description('manage API keys');
  apiKey
    .command('create')
    .description('create an API key with owner rights; it is printed once')
    .requiredOption('--name <name>', 'a label to recognise the key by')
    .option('--read-only', 'the key may only read, never change anything')
    .option('--expires-days <days>', 'the key stops working after this many days')
    .action(async (opts: { name: string; readOnly?: boolean; expiresDays?: string }) => {
      const { withStore } = await import('./cli/with-store.js');
      const { createCliApiKey } = await import('./cli/api-key-create.js');
      await withStore(async ({ auth }) => {
        const key = await createCliApiKey(auth, opts);
        process.stdout.write(`API key "${key.name}" created. It is shown only now; store it safely:\n${key.key}\n`);
      });
    });

  program
    .command('secret-key')
    .description('manage SWITCHYARD_SECRET_KEY, the key that encrypts stored credentials')
    .command('rotate')
    .description('re-encrypt every credential with a new key, in one transaction (stop the server first)')
    .requiredOption('--new <key>', 'the new key: 64 hex characters (openssl rand -hex 32) or 44 base64 characters')
    .action(async (opts: { new: string }) => {
      const config = loadConfig();
      if (config.databaseUrl) {
        const { rotateSecretKeyInDatabase } = await import('./cli/secret-key-rotate-store.js');
        const { count } = await rotateSecretKeyInDatabase(config, opts.new);
        process.stdout.write(`Re-encrypted ${count} credential(s). Now set SWITCHYARD_SECRET_KEY to the new key in every process's environment before starting them.\n`);
        return;
      }
      const { rotateSecretKey } = await import('./cli/secret-key-rotate.js');
      const done = await rotateSecretKey({ dataDir: config.dataDir, dbFile: config.dbFile, envKey: config.secretKey, newKey: opts.new });
      const where = done.keyFile ? `The new key is now in ${done.keyFile}.` : 'Now set SWITCHYARD_SECRET_KEY to the new key before starting the server.';
      process.stdout.write(`Re-encrypted ${done.count} credential(s). ${where}\n`);
    });

  const workflow = program.command('workflow').description('import and export workflows');
  workflow
    .command('import')
    .description('create a workflow from a JSON file (the API format), or every workflow of a bundle from `export --all`')
    .argument('<file>')
    .option('--passphrase-file <file>', "the bundle's passphrase, first line of this file (else SWITCHYARD_PASSPHRASE, else asked)")
    .option('--skip-credentials', "import the workflows without the bundle's credentials")
    .option('--activate', 'activate the workflows that were active where they were exported')
    .option('--from <format>', 'convert from another tool\'s export first: "n8n" (see docs/import-from-n8n.md)')
    .option('--dry-run', 'with --from: print the converted workflows and reports as JSON, save nothing')
    .action(async (file: string, opts: { passphraseFile?: string; skipCredentials?: boolean; activate?: boolean; from?: string; dryRun?: boolean }) => {
      const { importCommand } = await import('./cli/ops-commands.js');
      await importCommand(file, opts);
    });
  workflow
    .command('export')
    .description('print a workflow definition as JSON (to stdout, or --out FILE); --all: a bundle of every workflow')
    .argument('[id]')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--all', 'export every workflow as one bundle (for `workflow import`)')
    .option('--with-credentials', 'with --all: include the credentials, encrypted with a passphrase')
    .option('--passphrase-file <file>', 'the passphrase, first line of this file (else SWITCHYARD_PASSPHRASE, else asked)')
    .action(async (id: string | undefined, opts: { out?: string; all?: boolean; withCredentials?: boolean; passphraseFile?: string }) => {
      const { exportCommand } = await import('./cli/ops-commands.js');
      if (await exportCommand(id, opts)) return;
      if (!id) throw new Error('Give a workflow id, or --all for every workflow.');
      const { withStore } = await import('./cli/with-store.js');
      await withStore(async ({ workflowService }) => {
        const text = `${JSON.stringify((await workflowService.get(id)).definition, null, 2)}\n`;
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
        const { runs: rows } = await runService.list({ workflowId: opts.workflow, status: opts.status, limit: opts.limit });
        for (const r of rows) process.stdout.write(`${r.id}  ${r.status.padEnd(9)}  ${new Date(r.createdAt).toISOString()}  ${r.workflowName ?? r.workflowId}\n`);
        if (!rows.length) process.stdout.write('no runs\n');
      });
    });
  registerOpsCommands(program);
  return program;
}
