/**
 * What the code and `{{ }}` editors offer after `trigger.`, `input.`, `steps.<id>.`, `run.` and the
 * sandbox helpers. Pure: the CodeMirror layer (completion-source.ts) only positions the result.
 */

/** The data a step can read (as the data picker shows it) and the ids of the steps before it. */
export interface CompletionScope {
  data: Record<string, unknown>;
  stepIds: readonly string[];
}

export type SuggestionKind = 'variable' | 'property' | 'function' | 'namespace';

export interface Suggestion {
  label: string;
  kind: SuggestionKind;
  /** A short hint shown beside the label: a value preview or a signature. */
  detail?: string;
  /** True when the key is not an identifier, so it must be written `["key"]`. */
  bracket?: boolean;
}

type HelperTree = { [name: string]: string | HelperTree };

/** The helpers every code step and expression has (docs/code-and-expressions.md#helpers), with signatures. */
export const SANDBOX_HELPERS: HelperTree = {
  dayjs: '(date?, format?) Day.js dates',
  crypto: { hash: '(algorithm, text, encoding?)', hmac: '(algorithm, key, text, encoding?)', randomUUID: '()', timingSafeEqual: '(a, b)' },
  base64: { encode: '(text)', encodeUrl: '(text)', decode: '(b64)' },
  text: {
    slugify: '(s, sep?)',
    capitalize: '(s)',
    titleCase: '(s)',
    camelCase: '(s)',
    pascalCase: '(s)',
    snakeCase: '(s)',
    kebabCase: '(s)',
    truncate: '(s, max, suffix?)',
    stripHtml: '(s)',
    escapeHtml: '(s)',
    extractEmails: '(s)',
    extractUrls: '(s)',
    extractNumbers: '(s)',
  },
  num: {
    format: '(n, { locale, decimals, currency, percent, compact })',
    currency: '(n, code?, locale?)',
    parse: '(s, locale?)',
    round: '(n, decimals?)',
    clamp: '(n, min, max)',
    randomInt: '(min, max)',
  },
  list: { groupBy: '(items, key)', keyBy: '(items, key)', sortBy: "(items, key, 'asc' | 'desc')", uniq: '(items, key?)', sum: '(items, key?)', chunk: '(items, size)', compact: '(items)' },
  obj: { get: '(o, path, fallback?)', pick: '(o, keys)', omit: '(o, keys)', isEmpty: '(v)' },
  btoa: '(binary)',
  atob: '(b64)',
};

const IDENT = /^[A-Za-z_$][\w$]*$/;

const preview = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `array [${v.length}]`;
  if (typeof v === 'object') return `object {${Object.keys(v as object).length}}`;
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return s.length > 30 ? `${s.slice(0, 30)}…` : s;
};

const fromValue = (label: string, v: unknown): Suggestion => ({
  label,
  kind: v !== null && typeof v === 'object' ? 'namespace' : 'property',
  detail: preview(v),
  ...(IDENT.test(label) ? {} : { bracket: true }),
});

const fromHelpers = (tree: HelperTree): Suggestion[] =>
  Object.entries(tree).map(([label, h]) => (typeof h === 'string' ? { label, kind: 'function', detail: h } : { label, kind: 'namespace', detail: 'helpers' }));

/** The names at the start of an expression: the step's data, then the helpers. */
function topLevel(scope: CompletionScope): Suggestion[] {
  const data: Suggestion[] = [
    { label: 'trigger', kind: 'variable', detail: scope.data.trigger === undefined ? 'the event (no sample yet)' : 'the event' },
    { label: 'input', kind: 'variable', detail: 'output of the step before' },
    { label: 'steps', kind: 'variable', detail: 'outputs of earlier steps' },
    { label: 'vars', kind: 'variable', detail: 'variables from Settings' },
    { label: 'run', kind: 'variable', detail: 'this run: run.id' },
  ];
  return [...data, ...fromHelpers(SANDBOX_HELPERS)];
}

/** Follows `keys` into the scope's data (or the helpers); undefined when the path leads nowhere known. */
function resolve(scope: CompletionScope, keys: readonly (string | number)[]): { value: unknown } | { helpers: HelperTree } | undefined {
  const [head, ...rest] = keys;
  if (typeof head !== 'string') return undefined;
  if (Object.prototype.hasOwnProperty.call(SANDBOX_HELPERS, head)) {
    const h = SANDBOX_HELPERS[head];
    return typeof h === 'object' && rest.length === 0 ? { helpers: h } : undefined;
  }
  if (!Object.prototype.hasOwnProperty.call(scope.data, head)) return head === 'steps' && rest.length === 0 ? { value: {} } : undefined;
  let value: unknown = scope.data[head];
  for (const k of rest) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, k)) return undefined;
    value = (value as Record<string | number, unknown>)[k];
  }
  return { value };
}

/**
 * What may follow `keys` and a dot: `[]` gives the top-level names, `['steps']` the earlier
 * steps (ids known even without a run), `['trigger', 'body']` the keys of the sample body.
 */
export function suggestionsAfter(scope: CompletionScope, keys: readonly (string | number)[]): Suggestion[] {
  if (keys.length === 0) return topLevel(scope);
  if (keys.length === 1 && keys[0] === 'run') return [{ label: 'id', kind: 'property', detail: 'the id of the run executing this step' }];
  const found = resolve(scope, keys);
  const out: Suggestion[] = [];
  if (keys.length === 1 && keys[0] === 'steps') {
    const outputs = found && 'value' in found && found.value && typeof found.value === 'object' ? (found.value as Record<string, unknown>) : {};
    for (const id of scope.stepIds) out.push(id in outputs ? fromValue(id, outputs[id]) : { label: id, kind: 'namespace', detail: 'no output yet', ...(IDENT.test(id) ? {} : { bracket: true }) });
    return out;
  }
  if (!found) return out;
  if ('helpers' in found) return fromHelpers(found.helpers);
  const v = found.value;
  if (Array.isArray(v)) return [{ label: 'length', kind: 'property', detail: String(v.length) }];
  if (v !== null && typeof v === 'object')
    return Object.entries(v)
      .slice(0, 200)
      .map(([k, x]) => fromValue(k, x));
  return out;
}

/** The path typed just before the caret: `steps.lookup.em` is keys ['steps', 'lookup'] and prefix 'em'. */
export interface PathBefore {
  keys: (string | number)[];
  prefix: string;
  /** True when the path ends with a dot (or has keys), so only members are offered. */
  member: boolean;
}

const PATH_END = /(?:^|[^\w$.\])])((?:[A-Za-z_$][\w$]*)(?:\.[A-Za-z_$][\w$]*|\[\d+\]|\["[^"\\]*"\])*\.)?([A-Za-z_$][\w$]*)?$/;

/** Reads the path before the caret from the text before it; undefined when the caret is not after a name or a dot. */
export function pathBefore(text: string): PathBefore | undefined {
  const m = PATH_END.exec(text);
  if (!m) return undefined;
  const chain = m[1] ?? '';
  const prefix = m[2] ?? '';
  if (!chain && !prefix) return undefined;
  const keys: (string | number)[] = [];
  for (const seg of chain.slice(0, -1).matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\]|\["([^"\\]*)"\]/g)) {
    keys.push(seg[1] ?? (seg[2] !== undefined ? Number(seg[2]) : (seg[3] ?? '')));
  }
  return { keys, prefix, member: chain !== '' };
}

/**
 * The scope of one step: its picker data plus `input`, the output of its first incoming step
 * (the trigger's event when that step is the trigger), as the engine builds it (server/engine/step-scope.ts).
 */
export function completionScope(data: Record<string, unknown>, firstSource: string | undefined, upstream: readonly string[]): CompletionScope {
  const outputs = (data.steps ?? {}) as Record<string, unknown>;
  const input = firstSource === undefined ? undefined : Object.prototype.hasOwnProperty.call(outputs, firstSource) ? outputs[firstSource] : data.trigger;
  return { data: input === undefined ? data : { ...data, input }, stepIds: upstream };
}
