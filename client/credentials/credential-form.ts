import type { CredentialTypeInfo } from '../api/credential-schemas.js';
import type { ApiIssue } from '../api/http.js';
import { appCredentialTypes } from '../../shared/nodes/apps/app-credential-types.js';

/**
 * The form of a credential type, made from the JSON Schema `GET /api/credentials/types` sends,
 * and the data a filled form turns into. Pure, so it is unit-tested in Node.
 */

interface PropSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  writeOnly?: boolean;
  pattern?: string;
  maxLength?: number;
}

export type CredentialFieldKind = 'text' | 'secret' | 'number' | 'boolean';

export interface CredentialField {
  key: string;
  label: string;
  kind: CredentialFieldKind;
  required: boolean;
  help?: string;
  defaultValue?: unknown;
  pattern?: string;
  maxLength?: number;
}

/** What the inputs hold: text (numbers are typed as text) or a checkbox. */
export type CredentialFormValues = Record<string, string | boolean>;

const has = (s: PropSchema, t: string) => (Array.isArray(s.type) ? s.type.includes(t) : s.type === t);

/** One field per property; `writeOnly` (or a name in `secretFields`) makes it a password input. */
export function credentialFields(info: Pick<CredentialTypeInfo, 'schema' | 'secretFields'>): CredentialField[] {
  const props = (info.schema.properties ?? {}) as Record<string, PropSchema>;
  const required = new Set(Array.isArray(info.schema.required) ? (info.schema.required as string[]) : []);
  return Object.entries(props).map(([key, s]) => {
    const kind: CredentialFieldKind =
      s.writeOnly === true || info.secretFields.includes(key) ? 'secret' : has(s, 'boolean') ? 'boolean' : has(s, 'integer') || has(s, 'number') ? 'number' : 'text';
    return {
      key,
      label: s.title ?? key,
      kind,
      required: required.has(key) && s.default === undefined,
      ...(s.description ? { help: s.description } : {}),
      ...(s.default !== undefined ? { defaultValue: s.default } : {}),
      ...(s.pattern ? { pattern: s.pattern } : {}),
      ...(s.maxLength !== undefined ? { maxLength: s.maxLength } : {}),
    };
  });
}

/** Empty inputs, checkboxes at their defaults. */
export function emptyValues(fields: readonly CredentialField[]): CredentialFormValues {
  return Object.fromEntries(fields.map((f) => [f.key, f.kind === 'boolean' ? f.defaultValue === true : '']));
}

function patternProblem(f: CredentialField, text: string): string | undefined {
  if (!f.pattern) return undefined;
  try {
    return new RegExp(f.pattern).test(text) ? undefined : `${f.label} does not have the expected form.`;
  } catch {
    return undefined; // a pattern this browser cannot compile is left to the server
  }
}

/**
 * The `data` of a create (every required field) or of an update (only what was typed: empty
 * inputs keep the stored value, since the server never sends it back). Problems are by field key.
 */
export function credentialData(
  fields: readonly CredentialField[],
  values: CredentialFormValues,
  mode: 'create' | 'update',
): { data: Record<string, unknown>; problems: Record<string, string> } {
  const data: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  for (const f of fields) {
    const v = values[f.key];
    if (f.kind === 'boolean') {
      // Unchanged checkboxes are left out of an update, so they never overwrite the stored choice.
      if (typeof v === 'boolean' && (mode === 'create' || v !== (f.defaultValue === true))) data[f.key] = v;
      continue;
    }
    // Secrets are sent exactly as typed; other text loses stray spaces from copy and paste.
    const text = typeof v === 'string' ? (f.kind === 'secret' ? v : v.trim()) : '';
    if (text === '') {
      if (f.required && mode === 'create') problems[f.key] = `${f.label} is required.`;
      continue;
    }
    if (f.kind === 'number') {
      const n = Number(text);
      if (!Number.isFinite(n)) problems[f.key] = `${f.label} must be a number.`;
      else data[f.key] = n;
      continue;
    }
    if (f.maxLength !== undefined && text.length > f.maxLength) {
      problems[f.key] = `${f.label} is longer than ${f.maxLength} characters.`;
      continue;
    }
    const bad = patternProblem(f, text);
    if (bad) problems[f.key] = bad;
    else data[f.key] = text;
  }
  return { data, problems };
}

/** The server's 400 issues (`data.secret`) as problems by field key; others under `''`. */
export function serverProblems(issues: readonly ApiIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const key = i.path.startsWith('data.') ? i.path.slice(5).split('.')[0] ?? '' : '';
    out[key] ??= i.message;
  }
  return out;
}

/**
 * The credential types a `credentialId` field can use, by where it sits (`<node type>.<setting>`)
 * and the settings next to it (a trigger's auth kind and preset). Undefined: every type fits.
 */
export function fittingCredentialTypes(scope: string, owner: Record<string, unknown>): string[] | undefined {
  const app = appCredentialTypes(scope, owner);
  if (app) return [...app];
  if (scope === 'http.signing') return ['webhook-secret'];
  if (scope !== 'webhook.auth') return undefined;
  switch (owner.kind) {
    case 'basic':
      return ['basic'];
    case 'header':
      return ['header'];
    case 'signature':
      if (owner.preset === 'slack') return ['webhook-secret', 'slack'];
      if (owner.preset === 'twilio') return ['webhook-secret', 'twilio'];
      return ['webhook-secret'];
    default:
      return undefined;
  }
}
