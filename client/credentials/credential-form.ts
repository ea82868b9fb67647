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
  format?: string;
  enum?: unknown[];
}

/**
 * `datetime`: a point in time stored as epoch milliseconds, typed with a date and time picker.
 * `choice`: one of a schema's `enum` values, picked from a list. `json`: an object, typed as JSON text.
 */
export type CredentialFieldKind = 'text' | 'secret' | 'number' | 'boolean' | 'datetime' | 'choice' | 'json';

export interface CredentialField {
  key: string;
  label: string;
  kind: CredentialFieldKind;
  required: boolean;
  help?: string;
  defaultValue?: unknown;
  pattern?: string;
  maxLength?: number;
  /** The values of a `choice` field. */
  options?: string[];
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
      s.writeOnly === true || info.secretFields.includes(key)
        ? 'secret'
        : has(s, 'boolean')
          ? 'boolean'
          : Array.isArray(s.enum)
            ? 'choice'
            : has(s, 'object')
              ? 'json'
              : s.format === 'epoch-ms'
                ? 'datetime'
                : has(s, 'integer') || has(s, 'number')
                  ? 'number'
                  : 'text';
    return {
      key,
      label: s.title ?? key,
      kind,
      required: required.has(key) && s.default === undefined,
      ...(s.description ? { help: s.description } : {}),
      ...(s.default !== undefined ? { defaultValue: s.default } : {}),
      ...(s.pattern ? { pattern: s.pattern } : {}),
      ...(s.maxLength !== undefined ? { maxLength: s.maxLength } : {}),
      ...(Array.isArray(s.enum) ? { options: s.enum.map(String) } : {}),
    };
  });
}

/** A `datetime-local` value ("2026-03-01T14:30", local time) as epoch ms; undefined when it is not one. */
export function localDateTimeToMs(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec] = m.map(Number) as [number, number, number, number, number, number, number | undefined];
  const at = new Date(y, mo - 1, d, h, mi, Number.isFinite(sec) ? sec : 0);
  // new Date rolls 2026-02-31 over into March: refuse what it had to roll.
  return at.getFullYear() === y && at.getMonth() === mo - 1 && at.getDate() === d && at.getHours() === h ? at.getTime() : undefined;
}

/** "a" or "an" before a title, by its sound's first letter (good enough for the titles here). */
const article = (title: string) => (/^[aeiou]/i.test(title) ? 'an' : 'a');

/** The empty choice of a credential picker, naming the types that fit ("Choose an Incoming webhook URL credential…"). */
export function chooseCredentialText(titles: readonly string[] | undefined): string {
  if (!titles || titles.length === 0) return 'Choose a credential…';
  const first = titles[0] ?? '';
  return `Choose ${article(first)} ${titles.join(' or ')} credential…`;
}

/** An example name for a new credential of a type: its own app, never another's. */
export const credentialNamePlaceholder = (title: string | undefined): string => (title ? `e.g. ${title} (production)` : 'e.g. Production');

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
export function credentialData(fields: readonly CredentialField[], values: CredentialFormValues, mode: 'create' | 'update'): { data: Record<string, unknown>; problems: Record<string, string> } {
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
    if (f.kind === 'datetime') {
      // datetime-local gives "2026-03-01T14:30" in the person's own time zone.
      const ms = localDateTimeToMs(text);
      if (ms === undefined) problems[f.key] = `${f.label} must be a date and time.`;
      else data[f.key] = ms;
      continue;
    }
    if (f.kind === 'json') {
      const parsed = parseJsonObject(text);
      if (parsed === undefined) problems[f.key] = `${f.label} must be a JSON object, e.g. {"prompt": "consent"}.`;
      else data[f.key] = parsed;
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

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The server's 400 issues (`data.secret`) as problems by field key; others under `''`. */
export function serverProblems(issues: readonly ApiIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const key = i.path.startsWith('data.') ? (i.path.slice(5).split('.')[0] ?? '') : '';
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
