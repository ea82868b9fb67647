import type { TemplateCredentialInfo } from '../api/template-schemas.js';
import { CredentialChoice } from '../templates/wizard-fields.js';

/** A credential the import report asks for (docs/import-from-n8n.md). */
export interface ImportCredentialNeed {
  key: string;
  type: string;
  why: string;
  nodeIds: string[];
  n8nCredentials: string[];
}

/** The report's credential, in the template wizard's terms: named after the n8n credential it replaces. */
export function asWizardNeed(c: ImportCredentialNeed): TemplateCredentialInfo {
  const n8nName = c.n8nCredentials[0]?.replace(/\s*\([^)]*\)$/, '');
  return { key: c.key, type: c.type, label: n8nName || c.key, help: `For ${c.nodeIds.join(', ')}: ${c.why}. n8n exports never hold secrets, so pick a stored credential or create it.` };
}

/**
 * The credentials an import needs, asked for as the template wizard asks: one choice per
 * credential, each with "New" (the caller opens the credential dialog, beside its own).
 */
export function ImportCredentials({
  needs,
  chosen,
  onChoose,
  onCreate,
}: {
  needs: ImportCredentialNeed[];
  chosen: Record<string, string>;
  onChoose: (key: string, id: string) => void;
  onCreate: (need: TemplateCredentialInfo) => void;
}) {
  if (!needs.length) return null;
  return (
    <section className="import-credentials" aria-label="Credentials">
      <h3>Credentials</h3>
      {needs.map((c) => {
        const need = asWizardNeed(c);
        return <CredentialChoice key={c.key} need={need} value={chosen[c.key] ?? ''} onChange={(id) => onChoose(c.key, id)} onCreate={() => onCreate(need)} />;
      })}
    </section>
  );
}
