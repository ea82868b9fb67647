import { checkTemplateInput } from '../../shared/templates/template-inputs.js';
import type { ApiIssue } from '../api/http.js';
import type { TemplateChoices, TemplateSummary } from '../api/template-schemas.js';

/** What the wizard's fields hold: a credential id per credential key, and inputs as typed text. */
export interface WizardValues {
  name: string;
  credentials: Record<string, string>;
  inputs: Record<string, string>;
}

/** Problems by field: `credentials.<key>`, `inputs.<key>`, `name`, or `''` for the rest. */
export type WizardProblems = Record<string, string>;

/** Fresh values: the template's name, no credentials yet, inputs at their defaults. */
export function initialValues(t: TemplateSummary): WizardValues {
  return {
    name: t.name,
    credentials: {},
    inputs: Object.fromEntries(t.inputs.map((i) => [i.key, i.default === undefined ? '' : String(i.default)])),
  };
}

/**
 * Checks the form with the same rules as the server (shared), and builds the request body:
 * numbers as numbers, empty optional inputs left out. Pure, so it is unit-tested.
 */
export function wizardChoices(t: TemplateSummary, v: WizardValues): { choices: TemplateChoices; problems: WizardProblems } {
  const problems: WizardProblems = {};
  const credentials: Record<string, string> = {};
  for (const c of t.credentials) {
    const id = v.credentials[c.key];
    if (id) credentials[c.key] = id;
    else problems[`credentials.${c.key}`] = `Pick or create the ${c.label} credential.`;
  }
  const inputs: Record<string, string | number> = {};
  for (const input of t.inputs) {
    const checked = checkTemplateInput(input, v.inputs[input.key] ?? '');
    if (!checked.ok) problems[`inputs.${input.key}`] = checked.message;
    else if (checked.value !== '') inputs[input.key] = checked.value;
  }
  if (v.name.trim() === '') problems.name = 'Give the workflow a name.';
  return { choices: { name: v.name.trim(), credentials, inputs, activate: true }, problems };
}

/** The server's issues placed on the wizard's fields by their path. */
export function problemsFromIssues(issues: readonly ApiIssue[]): WizardProblems {
  const out: WizardProblems = {};
  for (const i of issues) {
    const key = /^(credentials|inputs)\.[^.[\]]+/.exec(i.path)?.[0] ?? (i.path === 'name' ? 'name' : '');
    out[key] ??= i.message;
  }
  return out;
}
