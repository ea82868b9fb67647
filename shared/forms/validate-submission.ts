import type { FormField } from '../nodes/form.node.js';

/** A submission's values by field name: strings, numbers, booleans, or null for an empty optional field. */
export type FormValues = Record<string, string | number | boolean | null>;

/** The values, or one message per field that is wrong. */
export type SubmissionCheck = { ok: true; values: FormValues } | { ok: false; errors: Record<string, string> };

// The browser's own email check (HTML's "valid e-mail address").
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_MAX = { text: 1_000, email: 320, textarea: 10_000 } as const;
const CHECKED = new Set(['on', 'true', '1', 'yes']);

/** The one value a field was sent (a repeated key is refused), as text; undefined when absent. */
function single(raw: unknown): string | undefined | { error: string } {
  if (raw === undefined || raw === null) return undefined;
  if (Array.isArray(raw)) return { error: 'Send one value.' };
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return { error: 'Send text, not an object.' };
}

const isRealDate = (s: string) => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** A text-like field's value checked: length, email shape, date, pattern, choices. */
function checkText(f: FormField, text: string): string | undefined {
  const max = f.maxLength ?? (f.type in DEFAULT_MAX ? DEFAULT_MAX[f.type as keyof typeof DEFAULT_MAX] : 1_000);
  if (text.length > max) return `At most ${max} characters.`;
  if (f.type === 'email' && !EMAIL.test(text)) return 'Enter an email address, like name@example.com.';
  if (f.type === 'date' && !isRealDate(text)) return 'Enter a date as YYYY-MM-DD.';
  if (f.type === 'select' && !(f.options ?? []).includes(text)) return 'Choose one of the options.';
  if (f.pattern && !new RegExp(`^(?:${f.pattern})$`, 'u').test(text)) return f.patternHint ? `Expected ${f.patternHint}.` : 'This value does not have the expected format.';
  return undefined;
}

/** One field's value, or its error. */
function checkField(f: FormField, raw: unknown): { value: string | number | boolean | null } | { error: string } {
  if (f.type === 'checkbox') {
    const text = typeof raw === 'boolean' ? String(raw) : single(raw);
    if (typeof text === 'object') return text;
    const checked = text !== undefined && CHECKED.has(text.toLowerCase());
    if (f.required && !checked) return { error: 'Tick this box to continue.' };
    return { value: checked };
  }
  const text = single(raw);
  if (typeof text === 'object') return text;
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return f.required ? { error: 'This field is required.' } : { value: null };
  if (f.type === 'number') {
    const n = Number(trimmed);
    if (!Number.isFinite(n)) return { error: 'Enter a number.' };
    if (f.min !== undefined && n < f.min) return { error: `At least ${f.min}.` };
    if (f.max !== undefined && n > f.max) return { error: `At most ${f.max}.` };
    return { value: n };
  }
  const problem = checkText(f, f.type === 'textarea' ? (text ?? '') : trimmed);
  return problem ? { error: problem } : { value: f.type === 'textarea' ? (text ?? '') : trimmed };
}

/**
 * Checks a submission against the form's fields, the same rules the page states with HTML
 * attributes (required, type, pattern, min, max, maxlength), so a request that skips the
 * browser gets the same answer. Pure; unknown keys are dropped.
 */
export function validateSubmission(fields: readonly FormField[], body: unknown): SubmissionCheck {
  const input = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const values: FormValues = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const raw = Object.prototype.hasOwnProperty.call(input, f.name) ? input[f.name] : undefined;
    const r = checkField(f, raw);
    if ('error' in r) errors[f.name] = r.error;
    else values[f.name] = r.value;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values };
}
