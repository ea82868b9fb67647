/**
 * `{{ }}` templates in config strings. Parsing is pure and shared by the editor (highlighting,
 * validation) and the server (rendering). Evaluation of anything beyond a plain data path
 * happens in the sandbox; plain paths are resolved here over own properties of JSON data.
 */

/** A piece of a template string: literal text or one expression. */
export type TemplatePart = { text: string } | { expr: string };

const TEMPLATE = /\{\{([\s\S]*?)\}\}/g;

/** Splits a string into text and expressions; a string without `{{` is one text part. */
export function parseTemplate(source: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of source.matchAll(TEMPLATE)) {
    const at = m.index;
    if (at > last) parts.push({ text: source.slice(last, at) });
    parts.push({ expr: (m[1] ?? '').trim() });
    last = at + m[0].length;
  }
  if (last < source.length) parts.push({ text: source.slice(last) });
  return parts;
}

/** True when a string holds at least one `{{ }}`. */
export function hasTemplate(source: string): boolean {
  return source.includes('{{') && /\{\{[\s\S]*?\}\}/.test(source);
}

/** The expression when the whole string (ignoring outer spaces) is exactly one `{{ expr }}`: it keeps its type. */
export function singleExpression(source: string): string | undefined {
  const parts = parseTemplate(source.trim());
  const only = parts.length === 1 ? parts[0] : undefined;
  return only && 'expr' in only ? only.expr : undefined;
}

/** A templated string found somewhere inside a config, with its dotted path. */
export interface TemplateField {
  path: string;
  source: string;
}

/** Every string containing `{{` in a JSON-like value (unclosed ones too, so validation sees them), depth-first, with its path. */
export function collectTemplateFields(value: unknown, path = ''): TemplateField[] {
  if (typeof value === 'string') return value.includes('{{') ? [{ path, source: value }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => collectTemplateFields(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => collectTemplateFields(v, path ? `${path}.${k}` : k));
  }
  return [];
}

const PATH = /^[A-Za-z_$][\w$]*(?:\s*(?:\.\s*[A-Za-z_$][\w$]*|\[\s*\d+\s*\]|\[\s*"[^"\\]*"\s*\]|\[\s*'[^'\\]*'\s*\]))*$/;
const SEGMENT = /\.\s*([A-Za-z_$][\w$]*)|\[\s*(\d+)\s*\]|\[\s*"([^"\\]*)"\s*\]|\[\s*'([^'\\]*)'\s*\]/g;

/** Splits a plain data path (`steps.lookup.items[0]["e-mail"]`) into keys, or undefined if it is more than a path. */
export function pathSegments(expr: string): string[] | undefined {
  if (!PATH.test(expr)) return undefined;
  const head = /^[A-Za-z_$][\w$]*/.exec(expr)?.[0];
  if (head === undefined) return undefined;
  const keys = [head];
  for (const m of expr.slice(head.length).matchAll(SEGMENT)) keys.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
  return keys;
}

/** Looks a path up over own properties only, so `__proto__` or `constructor` never reach prototypes. */
export function lookupPath(root: unknown, keys: readonly string[]): unknown {
  let cur: unknown = root;
  for (const key of keys) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** How a value is written into a template that mixes text and expressions. */
export function stringifyForTemplate(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}
