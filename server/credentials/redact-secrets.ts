/** What replaces a credential value in run records. */
export const REDACTED = '[redacted]';

/**
 * Shorter values are not redacted: replacing every "abc" in every output would wreck the
 * record, and a secret that short is no secret. The credential forms ask for more anyway.
 */
export const MIN_REDACTED_LENGTH = 4;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regular expression that finds any of the secrets, longest first (so a secret inside another is not half-redacted). */
export function secretPattern(secrets: readonly string[]): RegExp | null {
  const usable = [...new Set(secrets)].filter((s) => s.length >= MIN_REDACTED_LENGTH).sort((a, b) => b.length - a.length);
  return usable.length ? new RegExp(usable.map(escape).join('|'), 'g') : null;
}

/** The text with every match of `pattern` replaced by `[redacted]`. */
export function redactText(text: string, pattern: RegExp | null): string {
  if (!pattern) return text;
  pattern.lastIndex = 0;
  return text.replace(pattern, REDACTED);
}

const isPlainObject = (v: object): v is Record<string, unknown> => {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * A copy of `value` in which every string (object keys included) has the secrets replaced.
 * Arrays and plain objects are walked; other objects (Buffers, Dates) are kept as they are.
 * Pure; a cycle is cut rather than followed.
 */
export function redactSecrets<T>(value: T, pattern: RegExp | null): T {
  if (!pattern) return value;
  const seen = new WeakSet<object>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v, pattern);
    if (typeof v !== 'object' || v === null) return v;
    if (seen.has(v)) return '[cycle]';
    seen.add(v);
    try {
      if (Array.isArray(v)) return v.map(walk);
      if (!isPlainObject(v)) return v;
      // fromEntries defines own properties: a `__proto__` key in user data stays a key instead of swapping the prototype.
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [redactText(k, pattern), walk(inner)]));
    } finally {
      seen.delete(v);
    }
  };
  return walk(value) as T;
}

/** Where the redactor gets the values to hide, and hears that they changed. */
export interface SecretSource {
  secretValues(): readonly string[];
  onChange(listener: () => void): () => void;
}

/** Hides every stored credential value in anything about to be recorded (step input, output, error, detail). */
export interface SecretRedactor {
  redact<T>(value: T): T;
  redactText(text: string): string;
}

/** A redactor over the stored credentials; its pattern is rebuilt only after a credential changes. */
export function createSecretRedactor(source: SecretSource): SecretRedactor {
  let pattern: RegExp | null | undefined;
  source.onChange(() => {
    pattern = undefined;
  });
  const current = () => (pattern === undefined ? (pattern = secretPattern(source.secretValues())) : pattern);
  return {
    redact: (value) => redactSecrets(value, current()),
    redactText: (text) => redactText(text, current()),
  };
}

/** Several sources as one: every value of each, and a change of any. */
export function joinSecretSources(...sources: readonly SecretSource[]): SecretSource {
  return {
    secretValues: () => sources.flatMap((s) => s.secretValues()),
    onChange(listener) {
      const offs = sources.map((s) => s.onChange(listener));
      return () => offs.forEach((off) => off());
    },
  };
}
