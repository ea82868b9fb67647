import { durationSchemaUpTo } from '../nodes/duration.js';
import { MAX_DELAY_MS } from '../nodes/delay.node.js';
import type { TemplateInput } from './define-template.js';

export type InputCheck = { ok: true; value: string | number } | { ok: false; message: string };

const PHONE = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
const duration = durationSchemaUpTo(MAX_DELAY_MS);
const DEFAULT_MAX_LENGTH = 2000;

function checkText(input: TemplateInput, text: string): string | undefined {
  const max = input.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > max) return `${input.label} is longer than ${max} characters.`;
  // Inputs are plain values; expressions belong in the editor, where they are checked as such.
  if (text.includes('{{') || text.includes('}}')) return `${input.label} is a plain value: remove "{{" and "}}" (add expressions in the editor afterwards).`;
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return `${input.label} contains control characters.`;
  switch (input.kind) {
    case 'text':
      if (input.pattern && !new RegExp(`^(?:${input.pattern})$`).test(text)) return input.patternMessage ?? `${input.label} does not have the expected form.`;
      return undefined;
    case 'url': {
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        return `${input.label} must be a full URL such as https://example.com/hook.`;
      }
      return url.protocol === 'https:' || url.protocol === 'http:' ? undefined : `${input.label} must start with https:// (or http://).`;
    }
    case 'email':
      return EMAIL.test(text) ? undefined : `${input.label} must be an email address such as ops@example.com.`;
    case 'phone':
      return PHONE.test(text) ? undefined : `${input.label} must be a phone number in E.164 form, such as +14155550100.`;
    case 'duration':
      return duration.safeParse(text).success ? undefined : `${input.label} must be a duration such as "30m", "1h" or "1d" (at most 365 days).`;
    case 'select':
      return input.options?.includes(text) ? undefined : `${input.label} must be one of ${(input.options ?? []).map((o) => `"${o}"`).join(', ')}.`;
    case 'number':
      return undefined;
    default: {
      const unreachable: never = input.kind;
      return unreachable;
    }
  }
}

function checkNumber(input: TemplateInput, raw: unknown): InputCheck {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(n)) return { ok: false, message: `${input.label} must be a number.` };
  if (input.integer && !Number.isInteger(n)) return { ok: false, message: `${input.label} must be a whole number.` };
  if (input.min !== undefined && n < input.min) return { ok: false, message: `${input.label} must be at least ${input.min}.` };
  if (input.max !== undefined && n > input.max) return { ok: false, message: `${input.label} must be at most ${input.max}.` };
  return { ok: true, value: n };
}

/**
 * Checks one input's value as a person gave it (the wizard sends text, the API may send
 * numbers). Missing values take the default; a required input without one is an error.
 */
export function checkTemplateInput(input: TemplateInput, raw: unknown): InputCheck {
  const missing = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
  if (missing) {
    if (input.default !== undefined) return { ok: true, value: input.default };
    if (input.required === false) return { ok: true, value: '' };
    return { ok: false, message: `${input.label} is required.` };
  }
  if (input.kind === 'number') return checkNumber(input, raw);
  if (typeof raw !== 'string') return { ok: false, message: `${input.label} must be text, not ${Array.isArray(raw) ? 'a list' : typeof raw}.` };
  const text = raw.trim();
  const problem = checkText(input, text);
  return problem ? { ok: false, message: problem } : { ok: true, value: text };
}
