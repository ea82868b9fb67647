import { writeFileSync } from 'node:fs';
import type { WorkflowService } from '../services/workflow-service.js';
import type { CredentialService } from '../credentials/credential-service.js';
import { seal } from '../ops/bundle-crypto.js';
import { BUNDLE_VERSION, sealedAad, variablesUsedBy, type Bundle, type BundledCredential } from '../ops/workflow-bundle.js';
import type { VariablePort } from '../store/ports/variables.js';

export interface ExportAllOptions {
  workflows: WorkflowService;
  /** The variables the workflows read go along (plain ones with values, secret ones by name). */
  variables?: Pick<VariablePort, 'list'>;
  /** Only with `--with-credentials`: then `passphrase` is required. */
  credentials?: CredentialService;
  passphrase?: string;
  now: Date;
}

/** Builds the bundle of every workflow; credentials are sealed with the passphrase, or left out. */
export async function buildBundle(o: ExportAllOptions): Promise<Bundle> {
  const exportedAt = o.now.toISOString();
  const workflows = await Promise.all(
    (await o.workflows.list()).map(async (row) => ({ id: row.id, name: row.name, active: row.active, definition: (await o.workflows.get(row.id)).definition as Record<string, unknown> })),
  );
  const bundle: Bundle = { switchyard: 'bundle', version: BUNDLE_VERSION, exportedAt, workflows };
  const variables = o.variables
    ? variablesUsedBy(
        workflows.map((w) => w.definition),
        await o.variables.list(),
      )
    : [];
  if (variables.length) bundle.variables = variables;
  if (o.credentials) {
    if (!o.passphrase) throw new Error('--with-credentials needs a passphrase: --passphrase-file FILE, SWITCHYARD_PASSPHRASE, or type it at a terminal.');
    const creds = o.credentials;
    const plain: BundledCredential[] = [];
    for (const c of await creds.list()) {
      const read = await creds.read(c.id);
      if (read) plain.push({ id: read.id, name: read.name, type: read.type, data: read.data as Record<string, unknown> });
    }
    bundle.credentials = seal(Buffer.from(JSON.stringify(plain), 'utf8'), o.passphrase, sealedAad(bundle));
  }
  return bundle;
}

/** `switchyard workflow export --all [--out FILE] [--with-credentials]`: writes the bundle; returns what it holds. */
export async function exportAll(o: ExportAllOptions & { out?: string; write?: (text: string) => void }): Promise<{ workflows: number; credentials: boolean }> {
  const bundle = await buildBundle(o);
  const text = `${JSON.stringify(bundle, null, 2)}\n`;
  if (o.out) writeFileSync(o.out, text, { mode: 0o600 });
  else (o.write ?? ((t: string) => process.stdout.write(t)))(text);
  return { workflows: bundle.workflows.length, credentials: bundle.credentials !== undefined };
}
