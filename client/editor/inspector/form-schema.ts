/**
 * Turns a node type's config JSON Schema (as `GET /api/node-types` sends it, made from zod) into
 * a list of form fields. Pure, so the mapping from schema to widget is unit-tested.
 */

/** The subset of JSON Schema that zod emits for node configs. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  description?: string;
  title?: string;
  /** Shown up front although optional (a field some operations of an app action need). */
  primary?: boolean;
}

export type FieldKind = 'text' | 'number' | 'select' | 'multi-select' | 'boolean' | 'key-value' | 'code' | 'json' | 'rules' | 'union' | 'object' | 'list' | 'credential' | 'cases';

export interface UnionVariant {
  value: string;
  fields: FieldSpec[];
}

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  /** Offers the data picker and `{{ }}` templates. */
  templated: boolean;
  advanced: boolean;
  help?: string;
  options?: string[];
  integer?: boolean;
  min?: number;
  max?: number;
  defaultValue?: unknown;
  /** For `union`: the property that tells the variants apart, and each variant's own fields. */
  discriminator?: string;
  variants?: UnionVariant[];
  /** For `object`: its own fields. */
  fields?: FieldSpec[];
  /** For `text` and `list` items: numbers typed are stored as numbers (e.g. a delay of 500 or "5s"). */
  numeric?: boolean;
  /** For `credential`: where the field sits (`webhook.auth`, `http.signing`), which decides the fitting types. */
  scope?: string;
}

/** Fields drawn with a special widget, by node type and key. */
const widgetOverrides: Record<string, FieldKind> = { 'code.code': 'code' };

/** Fields a panel of their own edits instead of the generic form (the trigger panel: rate limit, allow-list). */
const panelFields = new Set(['webhook.rateLimit', 'webhook.allowedIps']);

/** Fields always shown up front; every other optional field, or one with a default, goes under "Advanced". */
const primaryKeys = new Set(['method', 'url', 'headers', 'body', 'code', 'status', 'methods', 'respond', 'auth', 'rules', 'combinator', 'cases', 'matchAll', 'credentialId']);

const labels: Record<string, string> = {
  url: 'URL',
  timeoutMs: 'Timeout (ms)',
  memoryMb: 'Memory limit (MB)',
  maxBodyBytes: 'Largest body (bytes)',
  respondTimeoutMs: 'Respond deadline (ms)',
  credentialId: 'Credential',
  matchAll: 'Send down every matching case, not only the first',
  bodyFormat: 'Body format',
  respond: 'Answer the caller',
  methods: 'Accepted methods',
  status: 'Status code',
};

const help: Record<string, string> = {
  url: 'Type {{ to insert data, or pick a field below.',
  body: 'JSON sent as the body. Strings may hold {{ }} templates.',
  respond: '"immediately" answers 202 once the event is stored; "respond-step" waits for a Respond step.',
  headers: 'Values may hold {{ }} templates.',
  code: 'The body of an async function. Read trigger, input and steps; return the output.',
};

/** "maxBodyBytes" -> "Max body bytes", unless a better label is known. */
export function humanize(key: string): string {
  if (labels[key]) return labels[key];
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const typesOf = (s: JsonSchema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

/** A union whose variants are objects told apart by one constant property (zod's discriminatedUnion). */
function discriminatorOf(variants: JsonSchema[]): string | undefined {
  const first = variants[0]?.properties;
  if (!first) return undefined;
  return Object.keys(first).find((k) => variants.every((v) => v.properties?.[k]?.const !== undefined));
}

function fieldFor(nodeType: string, key: string, s: JsonSchema, required: boolean, parent?: string): FieldSpec {
  const base = {
    key,
    label: s.title ?? humanize(key),
    required,
    templated: false,
    advanced: !primaryKeys.has(key) && s.primary !== true && (!required || s.default !== undefined),
    ...((s.description ?? help[key]) ? { help: s.description ?? help[key] } : {}),
    ...(s.default !== undefined ? { defaultValue: s.default } : {}),
  };
  const override = widgetOverrides[`${nodeType}.${key}`];
  if (override) return { ...base, kind: override };
  if (key === 'credentialId') return { ...base, kind: 'credential', scope: parent ? `${nodeType}.${parent}` : nodeType };
  if (isCaseList(s)) return { ...base, kind: 'cases', options: operatorsOf(s.items ?? {}) };
  const variants = s.oneOf ?? s.anyOf;
  if (variants?.length) {
    const disc = discriminatorOf(variants);
    if (disc) {
      return {
        ...base,
        kind: 'union',
        discriminator: disc,
        variants: variants.map((v) => ({ value: String(v.properties?.[disc]?.const), fields: fieldsOf(nodeType, v, key).filter((f) => f.key !== disc) })),
      };
    }
    const prim = variants.flatMap(typesOf);
    if (prim.length && prim.every((t) => ['string', 'number', 'integer'].includes(t))) {
      return { ...base, kind: 'text', templated: false, numeric: prim.some((t) => t !== 'string') };
    }
    return { ...base, kind: 'json', templated: true };
  }
  const types = typesOf(s);
  if (s.enum) return { ...base, kind: 'select', options: s.enum.map(String) };
  if (types.length === 1 && types[0] === 'array' && s.items?.enum) return { ...base, kind: 'multi-select', options: s.items.enum.map(String) };
  if (types.length === 1 && (types[0] === 'number' || types[0] === 'integer')) {
    return { ...base, kind: 'number', integer: types[0] === 'integer', ...(s.minimum !== undefined ? { min: s.minimum } : {}), ...(s.maximum !== undefined ? { max: s.maximum } : {}) };
  }
  if (types.length === 1 && types[0] === 'boolean') return { ...base, kind: 'boolean' };
  if (types.length === 1 && types[0] === 'array' && s.items) {
    const item = fieldFor(nodeType, key, s.items, true);
    if (item.kind === 'text' || item.kind === 'number') return { ...base, kind: 'list', numeric: item.kind === 'number' || item.numeric === true };
  }
  if (types.length === 1 && types[0] === 'object' && s.properties) return { ...base, kind: 'object', fields: fieldsOf(nodeType, s, key) };
  if (types.length === 1 && types[0] === 'string') return { ...base, kind: 'text', templated: true };
  if (types.length === 1 && types[0] === 'object' && !s.properties && typeof s.additionalProperties === 'object' && typesOf(s.additionalProperties).includes('string')) {
    return { ...base, kind: 'key-value', templated: true };
  }
  return { ...base, kind: 'json', templated: true };
}

/** Is this the shape of a filter/branch rule set (combinator + rules with field/operator/value)? */
function isRuleSet(s: JsonSchema): boolean {
  const rule = s.properties?.rules?.items?.properties;
  return Boolean(s.properties?.combinator && rule?.field && rule.operator);
}

/** A list of rule sets that each have an id: a switch's cases. */
function isCaseList(s: JsonSchema): boolean {
  return typesOf(s).includes('array') && s.items !== undefined && isRuleSet(s.items) && s.items.properties?.id !== undefined;
}

const operatorsOf = (ruleSet: JsonSchema): string[] => ruleSet.properties?.rules?.items?.properties?.operator?.enum?.map(String) ?? [];

/** The form for a config schema: one field per property, or one rule builder for rule sets. */
export function fieldsOf(nodeType: string, schema: JsonSchema, parent?: string): FieldSpec[] {
  if (isRuleSet(schema)) {
    return [{ key: 'rules', label: 'Conditions', kind: 'rules', required: true, templated: true, advanced: false, options: operatorsOf(schema) }];
  }
  const required = new Set(schema.required ?? []);
  const own = Object.entries(schema.properties ?? {}).filter(([key]) => parent !== undefined || !panelFields.has(`${nodeType}.${key}`));
  return own.map(([key, s]) => fieldFor(nodeType, key, s, required.has(key), parent));
}

/** Reads a field's current value, falling back to the schema default for display. */
export function fieldValue(config: Record<string, unknown>, f: FieldSpec): unknown {
  return Object.prototype.hasOwnProperty.call(config, f.key) ? config[f.key] : f.defaultValue;
}
