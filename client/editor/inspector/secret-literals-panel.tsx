import { useMemo, useState } from 'react';
import { findSecretLiterals, moveSecretLiteral, type SecretLiteral } from '../../../shared/credentials/secret-literals.js';
import { useApi } from '../../ui/api-context.js';
import { useApp } from '../../store/store-context.js';
import type { StepFlowNode } from '../../store/flow-types.js';

const TYPE_TITLES: Record<SecretLiteral['credential']['type'], string> = {
  'http-bearer': 'bearer token',
  'http-basic': 'basic auth',
  'http-header': 'header',
  'http-query': 'URL parameter',
};

/** The host a step calls, for the new credential's name ("api.example.com"), or null for a template URL. */
function hostOf(url: unknown): string | null {
  if (typeof url !== 'string' || url.includes('{{')) return null;
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

/**
 * Warns when an HTTP step's headers or URL hold a literal that looks like a secret, and moves
 * it into a new credential in one click: the credential is created through the API, the
 * literal leaves the step, and the step sends the credential (`auth`). Shown only when there
 * is something to warn about.
 */
export function SecretLiteralsPanel({ node }: { node: StepFlowNode }) {
  const { id: nodeId, data } = node;
  const { nodeType, config } = data;
  const label = data.label ?? nodeId;
  const api = useApi();
  const updateConfig = useApp((s) => s.updateConfig);
  const loadCredentials = useApp((s) => s.loadCredentials);
  const toast = useApp((s) => s.toast);
  const [busy, setBusy] = useState(false);
  const found = useMemo(() => (nodeType === 'http' ? findSecretLiterals(config) : []), [nodeType, config]);
  if (found.length === 0) return null;
  const hasAuth = typeof (config.auth as { credentialId?: unknown } | undefined)?.credentialId === 'string';

  const move = async (literal: SecretLiteral) => {
    setBusy(true);
    try {
      const where = hostOf(config.url) ?? label;
      const name = `${where} ${literal.place.name} (${TYPE_TITLES[literal.credential.type]}, ${nodeId})`.slice(0, 100);
      const created = await api.credentials.create({ name, type: literal.credential.type, data: literal.credential.data });
      updateConfig(nodeId, moveSecretLiteral(config, literal, created.id), 'auth');
      void loadCredentials(true);
      toast('success', `Moved ${literal.place.name} into the credential “${created.name}”. Save to keep the change.`);
    } catch (error) {
      toast('error', `Could not create the credential: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel-section secret-literals" role="alert" aria-label="Secrets in this step">
      <h3>This step holds a secret in plain text</h3>
      <p className="muted small">Anything typed here is saved in every version, export and audit diff. A credential keeps it encrypted and out of the workflow.</p>
      <ul>
        {found.map((f) => (
          <li key={`${f.place.kind}:${f.place.name}`}>
            <span>
              {f.place.kind === 'header' ? 'Header' : 'URL parameter'} <code>{f.place.name}</code>: {f.reason}.
            </span>
            {hasAuth ? (
              <small className="field-help">This step already sends a credential: remove the literal, or replace the credential by hand.</small>
            ) : (
              <button type="button" className="button button-small" disabled={busy} onClick={() => void move(f)}>
                Move {f.place.name} to a new {TYPE_TITLES[f.credential.type]} credential
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
