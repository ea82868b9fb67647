import { fillPlaceholders } from '../../templates/placeholders.js';
import type { ValidationIssue } from '../../errors.js';
import { convertN8nWorkflow, type N8nImportResult } from './convert.js';

/**
 * What an import request may send: the n8n export itself, a one-element array of it (n8n's
 * `export:workflow --all` writes arrays), or `{workflow, credentials}` where `credentials`
 * maps the report's credential keys to credential ids (the wizard's answer).
 */
export function importN8nRequest(body: unknown): N8nImportResult {
  let source = body;
  let chosen: Record<string, unknown> = {};
  if (Array.isArray(source)) {
    if (source.length !== 1) return refuse('body', `The file holds ${source.length} workflows: import them one at a time (the CLI imports every one).`);
    source = source[0];
  }
  if (isRecord(source) && !('nodes' in source) && isRecord(source.workflow)) {
    if (source.credentials !== undefined && !isRecord(source.credentials)) return refuse('credentials', 'credentials must map each credential key of the report to a credential id.');
    chosen = isRecord(source.credentials) ? source.credentials : {};
    source = source.workflow;
  }
  const result = convertN8nWorkflow(source);
  if (!result.ok || Object.keys(chosen).length === 0) return result;
  const keys = new Set(result.report.credentials.map((c) => c.key));
  const unknown = Object.keys(chosen).filter((k) => !keys.has(k));
  if (unknown.length) return refuse(`credentials.${unknown[0] ?? ''}`, `"${unknown[0] ?? ''}" is not a credential of this import; it needs ${[...keys].map((k) => `"${k}"`).join(', ') || 'none'}.`);
  const ids: Record<string, string> = {};
  for (const [k, v] of Object.entries(chosen)) {
    if (typeof v !== 'string' || v.trim() === '' || v.length > 200) return refuse(`credentials.${k}`, `credentials.${k} must be a credential id.`);
    ids[k] = v;
  }
  const workflow = fillPlaceholders(result.workflow, { credentials: ids, inputs: {} }) as typeof result.workflow;
  const credentials = result.report.credentials.map((c) => (ids[c.key] ? { ...c, credentialId: ids[c.key] } : c));
  return { ok: true, workflow, report: { ...result.report, credentials } };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const refuse = (path: string, message: string): N8nImportResult => ({ ok: false, issues: [{ path, message } satisfies ValidationIssue] });
