import { hasTemplate, parseTemplate, singleExpression, stringifyForTemplate, type TemplatePart } from '../../shared/graph/templates.js';
import { boundedMemo } from '../lib/bounded-memo.js';

/** A templated string inside a value, with its path ("body.text", "headers.X", "[0]"). */
export interface TemplatedString {
  path: string;
  parts: TemplatePart[];
  /** Set when the whole string is one expression: the field then takes the value's type. */
  single: string | undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** Applies `visit` to every string of a JSON-like value, rebuilding arrays and objects. */
function mapStrings(value: unknown, visit: (s: string) => unknown): unknown {
  if (typeof value === 'string') return visit(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, visit));
  if (!isRecord(value)) return value;
  // Loops rather than entries/fromEntries: a step renders its config on every attempt.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const mapped = mapStrings(value[key], visit);
    // Defined, not assigned, so that a "__proto__" key stays a key.
    if (key === '__proto__') Object.defineProperty(out, key, { value: mapped, enumerable: true, writable: true, configurable: true });
    else out[key] = mapped;
  }
  return out;
}

/** Calls `visit` with every string of a JSON-like value and its path, depth-first, copying nothing. */
function eachString(value: unknown, path: string, visit: (s: string, path: string) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => eachString(v, `${path}[${i}]`, visit));
  else if (isRecord(value)) for (const key of Object.keys(value)) eachString(value[key], join(path, key), visit);
}

/** A config string read as a template, once per string: a step renders the same config on every run. */
const templateOf = boundedMemo((s: string): Pick<TemplatedString, 'parts' | 'single'> | undefined => (hasTemplate(s) ? { parts: parseTemplate(s), single: singleExpression(s) } : undefined));

/** Every templated string of a value, depth-first. */
export function collectTemplates(value: unknown): TemplatedString[] {
  const found: TemplatedString[] = [];
  eachString(value, '', (s, path) => {
    const template = templateOf(s);
    if (template) found.push({ path, ...template });
  });
  return found;
}

/**
 * The value with every template rendered: a single-expression string becomes the value,
 * a mixed one the text with each value interpolated. `valueOf` gives each expression's value.
 */
export function applyTemplates(value: unknown, valueOf: (expr: string) => unknown): unknown {
  return mapStrings(value, (s) => {
    const template = templateOf(s);
    if (!template) return s;
    if (template.single !== undefined) return valueOf(template.single);
    return template.parts.map((p) => ('text' in p ? p.text : stringifyForTemplate(valueOf(p.expr)))).join('');
  });
}
