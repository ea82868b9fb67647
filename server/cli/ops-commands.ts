import type { Command } from 'commander';
import { readJsonFile } from './read-json-file.js';
import { loadConfig } from '../config.js';

const out = (text: string) => process.stdout.write(text);

/** Loads the config of a command that works on the SQLite file; with DATABASE_URL it refuses, saying what to use instead. */
function sqliteConfig(command: string, instead: string) {
  const config = loadConfig();
  if (config.databaseUrl) throw new Error(`\`switchyard ${command}\` works on the embedded SQLite database; DATABASE_URL selects PostgreSQL: ${instead} (docs/scale-out.md).`);
  return config;
}
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Adds `backup`, `restore`, `vacuum` and `migrate-to-postgres` (each command's work is in its own file). */
export function registerOpsCommands(program: Command): void {
  program
    .command('backup')
    .description('copy the database to FILE while the server runs (SQLite online backup), then check the copy')
    .argument('<file>', 'where to write the backup (must not exist)')
    .action(async (file: string) => {
      const config = sqliteConfig('backup', 'back it up with pg_dump');
      const { backupDatabase } = await import('../store/sqlite/backup.js');
      const r = await backupDatabase({ dbFile: config.dbFile, target: file });
      out(
        `Backed up to ${r.file} (${mb(r.bytes)}, schema ${r.userVersion}, integrity ${r.integrity}): ${r.counts.workflows} workflows, ${r.counts.runs} runs, ${r.counts.events} events, ${r.counts.credentials} credentials.\n`,
      );
      out(`Credentials in it are encrypted with ${config.secretKey ? 'SWITCHYARD_SECRET_KEY' : `${config.dataDir}/secret.key`}: keep a copy of that key with the backup.\n`);
    });

  program
    .command('restore')
    .description('replace the database with a backup (stop the server first; the current database is kept aside)')
    .argument('<file>', 'a file written by `switchyard backup`')
    .action(async (file: string) => {
      const config = sqliteConfig('restore', 'restore a pg_dump with pg_restore');
      const { restoreDatabase } = await import('../store/sqlite/restore.js');
      const r = await restoreDatabase({ dataDir: config.dataDir, dbFile: config.dbFile, source: file, now: new Date() });
      if (r.keptAs) out(`The previous database is now ${r.keptAs}.\n`);
      out(
        `Restored ${file} (schema ${r.backupVersion}, now ${r.userVersion}; integrity ${r.integrity}): ${r.counts.workflows} workflows, ${r.counts.runs} runs, ${r.counts.events} events, ${r.counts.credentials} credentials.\n`,
      );
    });

  program
    .command('vacuum')
    .description('rewrite the database file to give back free space and turn on incremental vacuum (stop the server first)')
    .action(async () => {
      const config = sqliteConfig('vacuum', 'autovacuum keeps it compact (VACUUM FULL, if ever, is a PostgreSQL task)');
      const { vacuumDatabase } = await import('./vacuum.command.js');
      const r = vacuumDatabase({ dataDir: config.dataDir, dbFile: config.dbFile });
      out(`Vacuumed: ${mb(r.before)} -> ${mb(r.after)}; auto_vacuum is ${r.autoVacuum}.\n`);
    });

  program
    .command('migrate-to-postgres')
    .description('copy this SQLite installation (DATA_DIR) into an empty PostgreSQL database, runs history included (stop the server first; env: DATA_DIR, SWITCHYARD_SECRET_KEY)')
    .option('--to <url>', 'the target database, postgres://user@host:5432/database (else DATABASE_URL)')
    .option('--without-history', 'leave finished runs (their events, steps and jobs) behind; unfinished runs move')
    .action(async (opts: { to?: string; withoutHistory?: boolean }) => {
      const { migrateToPostgres } = await import('./migrate-to-postgres.command.js');
      await migrateToPostgres(opts, (line) => out(`${line}\n`));
    });
}

/** `workflow export [id] [--all]`: one definition as before, or the bundle of every workflow. */
export async function exportCommand(id: string | undefined, opts: { out?: string; all?: boolean; withCredentials?: boolean; passphraseFile?: string }): Promise<boolean> {
  if (!opts.all) {
    if (opts.withCredentials) throw new Error('--with-credentials goes with --all.');
    return false;
  }
  if (id) throw new Error('Give either a workflow id or --all, not both.');
  const [{ withStore }, { exportAll }, { readPassphrase }, { credentialServiceFor }] = await Promise.all([
    import('./with-store.js'),
    import('./export-all.command.js'),
    import('./passphrase.js'),
    import('./credential-access.js'),
  ]);
  const passphrase = opts.withCredentials ? await readPassphrase(opts, 'to encrypt the credentials with') : undefined;
  await withStore(async ({ workflowService, store }) => {
    const credentials = opts.withCredentials ? await credentialServiceFor(loadConfig()) : undefined;
    try {
      const r = await exportAll({ workflows: workflowService, variables: store.variables, credentials: credentials?.service, passphrase, now: new Date(), out: opts.out });
      if (opts.out) out(`Exported ${r.workflows} workflows${r.credentials ? ' and the credentials (encrypted)' : ' (no credentials)'} to ${opts.out}.\n`);
    } finally {
      await credentials?.close();
    }
  });
  return true;
}

/** `workflow import FILE`: a bundle (from `export --all`) or, as before, one definition. */
export async function importCommand(file: string, opts: { passphraseFile?: string; skipCredentials?: boolean; activate?: boolean; from?: string; dryRun?: boolean }): Promise<void> {
  if (opts.from !== undefined && opts.from !== 'n8n') throw new Error(`--from ${opts.from}: only "n8n" can be imported from.`);
  if (opts.from === undefined && opts.dryRun) throw new Error('--dry-run goes with --from n8n.');
  const raw: unknown = readJsonFile(file);
  if (opts.from === 'n8n') {
    const [{ withStore }, { importN8nFile }] = await Promise.all([import('./with-store.js'), import('./import-n8n.command.js')]);
    if (opts.dryRun) await importN8nFile(raw, opts, () => Promise.reject(new Error('a dry run saves nothing')));
    else await withStore(({ workflowService }) => importN8nFile(raw, opts, () => Promise.resolve(workflowService)));
    return;
  }
  const [{ withStore }, { isBundle }] = await Promise.all([import('./with-store.js'), import('../ops/workflow-bundle.js')]);
  if (!isBundle(raw)) {
    await withStore(async ({ workflowService }) => out(`${(await workflowService.create(raw, null)).id}\n`));
    return;
  }
  const [{ importBundle }, { readPassphrase }, { credentialServiceFor }] = await Promise.all([import('./import-bundle.command.js'), import('./passphrase.js'), import('./credential-access.js')]);
  const sealed = (raw as { credentials?: unknown }).credentials !== undefined && !opts.skipCredentials;
  const passphrase = sealed ? await readPassphrase(opts, 'of this bundle') : undefined;
  await withStore(async ({ workflowService, store }) => {
    const credentials = await credentialServiceFor(loadConfig());
    try {
      const r = await importBundle(raw, {
        workflows: workflowService,
        credentials: credentials.service,
        variables: store.variables,
        now: Date.now(),
        passphrase,
        skipCredentials: opts.skipCredentials,
        activate: opts.activate,
      });
      for (const w of r.workflows) out(`${w.id}  ${w.active ? 'active  ' : 'inactive'}  ${w.name} (was ${w.from})\n`);
      out(`Imported ${r.workflows.length} workflows and ${r.credentials} credentials.\n`);
      const v = r.variables;
      if (v.created.length) out(`Created variables: ${v.created.join(', ')}.\n`);
      if (v.kept.length) out(`Kept the existing variables: ${v.kept.join(', ')}.\n`);
      if (v.secretsToSet.length) out(`Set these secret variables in Settings (their values are not exported): ${v.secretsToSet.join(', ')}.\n`);
    } finally {
      await credentials.close();
    }
  });
}
