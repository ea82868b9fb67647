import type { FormConfig } from '../../shared/nodes/form.node.js';
import { validateSubmission } from '../../shared/forms/validate-submission.js';

/** What a form trigger stores: the checked values as JSON, or each field's error (nothing is stored). */
export type FormSubmission = { ok: true; body: Buffer; headers: Record<string, string> } | { ok: false; errors: Record<string, string> };

/**
 * Checks a parsed submission against the form's fields and gives the event to store: the
 * values, typed (numbers, booleans, null for an empty optional field), as a JSON body, so
 * `trigger.body` reads the same whether the browser posted the page or a program posted JSON.
 * The content type the sender used is kept as `x-switchyard-form-content-type`.
 */
export function formSubmission(form: FormConfig, parsedBody: unknown, headers: Record<string, string>): FormSubmission {
  const check = validateSubmission(form.fields, parsedBody);
  if (!check.ok) return check;
  const sentAs = headers['content-type'];
  const stored: Record<string, string> = { ...headers, 'content-type': 'application/json' };
  delete stored['content-length'];
  if (sentAs !== undefined) stored['x-switchyard-form-content-type'] = sentAs;
  return { ok: true, body: Buffer.from(JSON.stringify(check.values)), headers: stored };
}
