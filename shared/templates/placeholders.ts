/**
 * Template placeholders: `[[credentials.key]]` and `[[inputs.key]]` inside config strings,
 * optionally with a filter (`[[inputs.reply|xml]]`). They are filled once, when a template
 * becomes a workflow; `{{ }}` expressions are left alone for the run. A string that is
 * exactly one placeholder takes the value with its type (a number stays a number).
 */

export type PlaceholderScope = 'credentials' | 'inputs';
export const placeholderFilters = ['xml'] as const;
export type PlaceholderFilter = (typeof placeholderFilters)[number];

export interface PlaceholderRef {
  scope: PlaceholderScope;
  key: string;
  filter?: PlaceholderFilter;
}

const PLACEHOLDER = /\[\[(credentials|inputs)\.([A-Za-z][A-Za-z0-9_]*)(?:\|(xml))?\]\]/g;

/** Every placeholder in a JSON-like value, depth-first (keys of objects are not searched). */
export function findPlaceholders(value: unknown): PlaceholderRef[] {
  if (typeof value === 'string') {
    return [...value.matchAll(PLACEHOLDER)].map((m) => ({ scope: m[1] as PlaceholderScope, key: m[2] ?? '', ...(m[3] ? { filter: m[3] as PlaceholderFilter } : {}) }));
  }
  if (Array.isArray(value)) return value.flatMap(findPlaceholders);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(findPlaceholders);
  return [];
}

/** Escapes text for an XML element or attribute (TwiML replies). */
export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

const applyFilter = (text: string, filter: PlaceholderFilter | undefined): string => {
  if (filter === undefined) return text;
  switch (filter) {
    case 'xml':
      return escapeXml(text);
    default: {
      const unreachable: never = filter;
      return unreachable;
    }
  }
};

/** Looks a placeholder up; undefined means "not given", which the caller reports before filling. */
export type PlaceholderValues = Record<PlaceholderScope, Readonly<Record<string, string | number | undefined>>>;

/** A copy of `value` with every placeholder filled. Unknown keys become empty text (checked earlier). */
export function fillPlaceholders(value: unknown, values: PlaceholderValues): unknown {
  if (typeof value === 'string') {
    const whole = /^\[\[(credentials|inputs)\.([A-Za-z][A-Za-z0-9_]*)\]\]$/.exec(value);
    if (whole) return values[whole[1] as PlaceholderScope][whole[2] ?? ''] ?? '';
    return value.replace(PLACEHOLDER, (_m, scope: PlaceholderScope, key: string, filter?: PlaceholderFilter) => applyFilter(String(values[scope][key] ?? ''), filter));
  }
  if (Array.isArray(value)) return value.map((v) => fillPlaceholders(v, values));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillPlaceholders(v, values)]));
  }
  return value;
}
