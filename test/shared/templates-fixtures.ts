import type { TemplateInput, WorkflowTemplate } from '../../shared/templates/define-template.js';

/** A valid value for an input without a default, by kind (URLs on loopback, so nothing leaves the machine). */
function exampleValue(input: TemplateInput): string | number {
  switch (input.kind) {
    case 'url':
      return 'http://127.0.0.1:9/hook';
    case 'email':
      return 'ops@example.com';
    case 'phone':
      return '+14155550100';
    case 'number':
      return input.min ?? 1;
    case 'duration':
      return '1m';
    case 'select':
      return input.options?.[0] ?? '';
    case 'text':
      return input.key === 'audienceId' ? 'a1b2c3d4e5' : `Example ${input.label}`;
    default: {
      const unreachable: never = input.kind;
      return unreachable;
    }
  }
}

/** Inputs for a template: every default, and an example for each input without one. */
export function exampleInputs(t: WorkflowTemplate, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...Object.fromEntries(t.inputs.map((i) => [i.key, i.default ?? exampleValue(i)])), ...overrides };
}

/** Made-up credential ids, one per credential key (`cred_<key>`). */
export const exampleCredentials = (t: WorkflowTemplate): Record<string, string> => Object.fromEntries(t.credentials.map((c) => [c.key, `cred_${c.key}`]));
