import { AppError } from '../../shared/errors.js';
import { createVariableSchema, updateVariableSchema, type VariableView } from '../../shared/variables/variable-schema.js';
import { parseInput } from '../http/errors.js';
import type { Clock } from '../lib/clock.js';
import type { CredentialCipher } from '../credentials/credential-cipher.js';
import type { Store } from '../store/ports/store.js';
import type { StoredVariable, VariableValue } from '../store/ports/variables.js';

/** The id a secret variable's value is sealed under: binds the ciphertext to the name (a value moved to another row fails to open). */
export const variableSealId = (name: string): string => `variable:${name}`;

export interface VariableServiceDeps {
  store: Pick<Store, 'variables'>;
  cipher: CredentialCipher;
  clock: Clock;
  /**
   * How long values read for runs are trusted before they are read again (default 5 s). Changes
   * made through this service apply at once; this bounds how late another process sees them.
   */
  maxAgeMs?: number;
}

interface Loaded {
  values: Record<string, string>;
  secrets: string[];
  at: number;
}

const notFound = (name: string) => new AppError('NOT_FOUND', 404, `No variable ${name.slice(0, 100)} exists; list them with GET /api/variables.`);

/**
 * Workflow variables: plain values, and secret ones sealed with the server's secret key like a
 * credential (never returned by a route, hidden in run records by the redactor). Runs read all
 * values through `values()`; redaction reads the secret ones synchronously through
 * `secretValues()`, so both are kept in memory (per-process state, docs/architecture.md).
 */
export function createVariableService(d: VariableServiceDeps) {
  const maxAgeMs = d.maxAgeMs ?? 5_000;
  const listeners = new Set<() => void>();
  let loaded: Loaded | null = null;

  /** The clear value of a stored variable, or undefined when this key cannot open it. */
  function open(v: StoredVariable): string | undefined {
    if (!v.secret) return v.value;
    try {
      return d.cipher.open(variableSealId(v.name), v.sealed).toString('utf8');
    } catch {
      return undefined; // sealed with another key, or altered: the variable reads as missing
    }
  }

  async function load(): Promise<Loaded> {
    const values: Record<string, string> = {};
    const secrets: string[] = [];
    for (const v of await d.store.variables.list()) {
      const value = open(v);
      if (value === undefined) continue;
      Object.defineProperty(values, v.name, { value, enumerable: true, writable: true, configurable: true });
      if (v.secret) secrets.push(value);
    }
    const before = loaded?.secrets;
    loaded = { values, secrets, at: d.clock.now() };
    if (before && JSON.stringify(before) !== JSON.stringify(secrets)) for (const l of listeners) l();
    return loaded;
  }
  const changed = async () => {
    await load();
    for (const l of listeners) l();
  };

  const stored = (name: string, value: string, secret: boolean): VariableValue =>
    secret ? { secret: true, sealed: d.cipher.seal(variableSealId(name), Buffer.from(value, 'utf8')) } : { secret: false, value };
  const view = (v: StoredVariable, withValue: boolean): VariableView => ({
    name: v.name,
    secret: v.secret,
    ...(withValue && !v.secret ? { value: v.value } : {}),
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  });

  return {
    /** Every variable; `withValues` adds the value of the plain ones (editors and owners). Secret values never. */
    list: async (withValues: boolean): Promise<VariableView[]> => (await d.store.variables.list()).map((v) => view(v, withValues)),

    async create(input: unknown): Promise<VariableView> {
      const { name, value, secret } = parseInput(createVariableSchema, input);
      const now = d.clock.now();
      const row: StoredVariable = { name, ...stored(name, value, secret), createdAt: now, updatedAt: now };
      if (!(await d.store.variables.insert(row))) throw new AppError('CONFLICT', 409, `A variable named ${name} exists already; change it with PUT /api/variables/${name}.`);
      await changed();
      return view(row, true);
    },

    async update(name: string, input: unknown): Promise<VariableView> {
      const change = parseInput(updateVariableSchema, input);
      const current = await d.store.variables.get(name);
      if (!current) throw notFound(name);
      const secret = change.secret ?? current.secret;
      if (current.secret && !secret && change.value === undefined) {
        throw new AppError('BAD_REQUEST', 400, 'Making a secret variable plain needs its value as well: the stored secret is never shown.');
      }
      const value = change.value ?? open(current);
      if (value === undefined) throw new AppError('CONFLICT', 409, `Variable ${name} was sealed with another SWITCHYARD_SECRET_KEY; send its value again to replace it.`);
      const now = d.clock.now();
      await d.store.variables.update({ name, ...stored(name, value, secret), updatedAt: now });
      await changed();
      return { name, secret, ...(secret ? {} : { value }), createdAt: current.createdAt, updatedAt: now };
    },

    async remove(name: string): Promise<void> {
      if (!(await d.store.variables.remove(name))) throw notFound(name);
      await changed();
    },

    /** Name and secret flag of one variable (the audit log's view: never a value), or undefined. */
    async meta(name: string): Promise<{ name: string; secret: boolean } | undefined> {
      const v = await d.store.variables.get(name);
      return v && { name: v.name, secret: v.secret };
    },

    /** Every value by name, for a run's scope (`vars`). Read again when older than `maxAgeMs`. */
    async values(): Promise<Readonly<Record<string, string>>> {
      const current = loaded && d.clock.now() - loaded.at < maxAgeMs ? loaded : await load();
      return current.values;
    },

    /** Reads the values (call once at start, before redaction is asked for secret values). */
    load: async (): Promise<void> => void (await load()),

    /** The values of secret variables, for redaction. Throws before `load`. */
    secretValues(): readonly string[] {
      if (!loaded) throw new Error('variable secret values are read before load()');
      return loaded.secrets;
    },

    /** Called after a variable is created, changed or removed (here, or seen changed on a reload). */
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type VariableService = ReturnType<typeof createVariableService>;
