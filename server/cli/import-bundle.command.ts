import { workflowDefinitionSchema } from '../../shared/graph/workflow-schema.js';
import type { WorkflowService } from '../services/workflow-service.js';
import type { CredentialService } from '../credentials/credential-service.js';
import { open } from '../ops/bundle-crypto.js';
import { bundleSchema, bundledCredentialSchema, remapIds, sealedAad } from '../ops/workflow-bundle.js';
import { importVariables, type VariablesImported } from '../ops/import-variables.js';
import type { VariablePort } from '../store/ports/variables.js';

export interface ImportBundleOptions {
  workflows: WorkflowService;
  /** Where the bundle's credentials are created; without it a bundle holding credentials is refused unless `skipCredentials`. */
  credentials?: CredentialService;
  /** Where the bundle's plain variables are created (existing ones are kept). */
  variables: Pick<VariablePort, 'get' | 'insert'>;
  now: number;
  /** Opens the sealed credentials; without it a bundle with credentials is refused unless `skipCredentials`. */
  passphrase?: string;
  skipCredentials?: boolean;
  /** Activate the workflows that were active where they came from. */
  activate?: boolean;
}

export interface ImportResult {
  workflows: Array<{ from: string; id: string; name: string; active: boolean }>;
  credentials: number;
  variables: VariablesImported;
}

/**
 * `switchyard workflow import BUNDLE`: checks everything first (the bundle's shape, every
 * definition, the passphrase) so that a refusal writes nothing; then creates the credentials
 * (new ids), the workflows with their credential references moved to those ids, and
 * activates them if asked.
 */
export async function importBundle(raw: unknown, o: ImportBundleOptions): Promise<ImportResult> {
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`This is not a Switchyard bundle this version can read: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  const bundle = parsed.data;
  for (const w of bundle.workflows) {
    const def = workflowDefinitionSchema.safeParse(w.definition);
    if (!def.success) throw new Error(`Workflow "${w.name}" (${w.id}) in the bundle is not valid: ${def.error.issues[0]?.path.join('.')}: ${def.error.issues[0]?.message}. Nothing was imported.`);
  }
  let creds: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }> = [];
  if (bundle.credentials && !o.skipCredentials) {
    if (!o.credentials) throw new Error('This bundle holds encrypted credentials: import it with `switchyard workflow import`, or leave them out. Nothing was imported.');
    if (!o.passphrase)
      throw new Error('This bundle holds encrypted credentials: give its passphrase (--passphrase-file FILE or SWITCHYARD_PASSPHRASE), or pass --skip-credentials. Nothing was imported.');
    const plain = open(bundle.credentials, o.passphrase, sealedAad(bundle));
    creds = bundledCredentialSchema.array().parse(JSON.parse(plain.toString('utf8')));
  }
  const ids = new Map<string, string>();
  for (const c of creds) if (o.credentials) ids.set(c.id, (await o.credentials.create({ name: c.name, type: c.type, data: c.data })).id);
  const result: ImportResult = { workflows: [], credentials: creds.length, variables: await importVariables(bundle.variables ?? [], o.variables, o.now) };
  for (const w of bundle.workflows) {
    const created = await o.workflows.create(remapIds(w.definition, ids), null);
    const active = Boolean(o.activate && w.active);
    if (active) await o.workflows.setActive(created.id, true);
    result.workflows.push({ from: w.id, id: created.id, name: w.name, active });
  }
  return result;
}
