import type { ValidationIssue } from '../errors.js';
import { validateWorkflow, type ExpressionChecker } from '../graph/validate-workflow.js';
import type { WorkflowDefinition } from '../graph/workflow-schema.js';
import type { WorkflowTemplate } from './define-template.js';
import { fillPlaceholders } from './placeholders.js';
import { checkTemplateInput } from './template-inputs.js';

/** What a person gives a template: a credential id per credential key, and the inputs' values. */
export interface TemplateChoices {
  credentials?: Readonly<Record<string, unknown>>;
  inputs?: Readonly<Record<string, unknown>>;
  /** The new workflow's name; the template's name when absent. */
  name?: string;
}

export type InstantiateResult = { ok: true; workflow: WorkflowDefinition } | { ok: false; issues: ValidationIssue[] };

const MAX_ID = 200;

/** The credential ids, each present and plausible; problems point at `credentials.<key>`. */
function checkCredentials(t: WorkflowTemplate, given: Readonly<Record<string, unknown>>, issues: ValidationIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of t.credentials) {
    const id = given[c.key];
    const path = `credentials.${c.key}`;
    if (id === undefined || id === null || id === '') issues.push({ path, message: `Pick or create the ${c.label} credential.` });
    else if (typeof id !== 'string' || id.length > MAX_ID) issues.push({ path, message: `${c.label} must be a credential id (text).` });
    else out[c.key] = id;
  }
  for (const key of Object.keys(given)) {
    if (!t.credentials.some((c) => c.key === key))
      issues.push({ path: `credentials.${key}`, message: `"${key}" is not a credential of this template; it needs ${t.credentials.map((c) => `"${c.key}"`).join(', ') || 'none'}.` });
  }
  return out;
}

function checkInputs(t: WorkflowTemplate, given: Readonly<Record<string, unknown>>, issues: ValidationIssue[]): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const input of t.inputs) {
    const checked = checkTemplateInput(input, given[input.key]);
    if (checked.ok) out[input.key] = checked.value;
    else issues.push({ path: `inputs.${input.key}`, message: checked.message });
  }
  for (const key of Object.keys(given)) {
    if (!t.inputs.some((i) => i.key === key))
      issues.push({ path: `inputs.${key}`, message: `"${key}" is not an input of this template; it takes ${t.inputs.map((i) => `"${i.key}"`).join(', ') || 'none'}.` });
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Turns a template into a workflow definition: checks the choices (every credential, every
 * required input, each of the right form), fills the placeholders, and runs the one
 * `validateWorkflow` on the result. Pure: whether the credential ids exist is the caller's check.
 */
export function instantiateTemplate(t: WorkflowTemplate, choices: TemplateChoices, options: { checkExpression?: ExpressionChecker } = {}): InstantiateResult {
  const issues: ValidationIssue[] = [];
  const credentialsGiven = choices.credentials ?? {};
  const inputsGiven = choices.inputs ?? {};
  if (!isRecord(credentialsGiven)) issues.push({ path: 'credentials', message: 'credentials must be an object of credential key -> credential id.' });
  if (!isRecord(inputsGiven)) issues.push({ path: 'inputs', message: 'inputs must be an object of input key -> value.' });
  if (issues.length) return { ok: false, issues };
  const credentials = checkCredentials(t, credentialsGiven, issues);
  const inputs = checkInputs(t, inputsGiven, issues);
  const name = choices.name?.trim() || t.name;
  if (name.length > 200) issues.push({ path: 'name', message: 'The name is longer than 200 characters.' });
  if (issues.length) return { ok: false, issues };

  const filled = fillPlaceholders(t.workflow, { credentials, inputs }) as WorkflowTemplate['workflow'];
  const result = validateWorkflow({ ...filled, name, description: filled.description ?? t.description }, options);
  if (!result.ok) {
    return { ok: false, issues: result.issues.filter((i) => i.severity === 'error').map(({ severity: _s, ...rest }) => rest) };
  }
  return { ok: true, workflow: result.workflow };
}
