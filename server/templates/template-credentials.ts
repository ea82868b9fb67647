import type { ValidationIssue } from '../../shared/errors.js';
import { getCredentialType } from '../../shared/credentials/credential-types.js';
import type { WorkflowTemplate } from '../../shared/templates/define-template.js';

/** What the check needs to know of a stored credential: its name and type, never its data. */
export type CredentialMeta = { name: string; type: string } | undefined;

/**
 * Checks that each credential id a person picked exists and is of the type the template asks
 * for; problems point at `credentials.<key>`. Ids that are not text are left to the pure check.
 */
export function checkTemplateCredentials(t: WorkflowTemplate, given: Readonly<Record<string, unknown>>, meta: (id: string) => CredentialMeta): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const c of t.credentials) {
    const id = given[c.key];
    if (typeof id !== 'string' || id === '' || id.length > 200) continue;
    const found = meta(id);
    const wanted = getCredentialType(c.type)?.title ?? c.type;
    const path = `credentials.${c.key}`;
    if (!found) issues.push({ path, message: `No credential ${id} exists; create the ${c.label} credential first (POST /api/credentials with type "${c.type}").` });
    else if (found.type !== c.type)
      issues.push({ path, message: `"${found.name}" is of type ${getCredentialType(found.type)?.title ?? found.type}; ${c.label} needs one of type ${wanted} ("${c.type}").` });
  }
  return issues;
}
