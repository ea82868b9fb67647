import { hasTemplate, parseTemplate, singleExpression, stringifyForTemplate, type TemplatePart } from '../../shared/graph/templates.js';

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
function mapStrings(value: unknown, path: string, visit: (s: string, path: string) => unknown): unknown {
  if (typeof value === 'string') return visit(value, path);
  if (Array.isArray(value)) return value.map((v, i) => mapStrings(v, `${path}[${i}]`, visit));
  // fromEntries defines own properties, so a "__proto__" key stays a key.
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, join(path, k), visit)]));
  return value;
}

/** Every templated string of a value, depth-first. */
export function collectTemplates(value: unknown): TemplatedString[] {
  const found: TemplatedString[] = [];
  mapStrings(value, '', (s, path) => {
    if (hasTemplate(s)) found.push({ path, parts: parseTemplate(s), single: singleExpression(s) });
    return s;
  });
  return found;
}

/**
 * The value with every template rendered: a single-expression string becomes the value,
 * a mixed one the text with each value interpolated. `valueOf` gives each expression's value.
 */
export function applyTemplates(value: unknown, valueOf: (expr: string) => unknown): unknown {
  return mapStrings(value, '', (s) => {
    if (!hasTemplate(s)) return s;
    const single = singleExpression(s);
    if (single !== undefined) return valueOf(single);
    return parseTemplate(s)
      .map((p) => ('text' in p ? p.text : stringifyForTemplate(valueOf(p.expr))))
      .join('');
  });
}
